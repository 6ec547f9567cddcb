/**
 * A second gateway over a running test graph's subgraphs (or over proxies in front of
 * them), with its own options: production mode, short timeouts, fault injection.
 */
import { mintDevToken } from '../../shared/auth/dev-idp';
import type { ServiceName } from '../../shared/domain';
import { startService } from '../../shared/http/service';
import { EmbeddedStore } from '../../shared/store';
import type { GatewayOptions, GatewayService } from '../../gateway/server';
import { createGatewayService } from '../../gateway/server';

export interface ExtraGateway {
  url: string;
  service: GatewayService;
  auditStore: EmbeddedStore;
  post(
    body: unknown,
    headers?: Record<string, string>,
    init?: { method?: string; rawBody?: string },
  ): Promise<Reply>;
  query(query: string, variables?: Record<string, unknown>, as?: string, meeting?: string): Promise<Reply>;
  stop(): Promise<void>;
}

export interface Reply {
  status: number;
  text: string;
  json: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[];
  };
}

export async function startExtraGateway(
  subgraphUrls: Partial<Record<ServiceName, string>>,
  options: Omit<GatewayOptions, 'subgraphUrls' | 'auditStore'> = {},
): Promise<ExtraGateway> {
  const auditStore = new EmbeddedStore();
  // Arbitrary documents unless a test asks for the trusted manifest (test/security/trusted-documents*).
  const service = await createGatewayService({
    allowArbitraryOperations: true,
    ...options,
    subgraphUrls,
    auditStore,
  });
  const running = await startService(service, 0);
  const post: ExtraGateway['post'] = async (body, headers = {}, init = {}) => {
    const res = await fetch(running.url, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      ...(init.method === 'GET' ? {} : { body: init.rawBody ?? JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: Reply['json'] = {};
    try {
      json = JSON.parse(text) as Reply['json'];
    } catch {
      // not JSON: left empty, the text is there
    }
    return { status: res.status, text, json };
  };
  return {
    url: running.url,
    service,
    auditStore,
    post,
    async query(query, variables = {}, as, meeting) {
      const headers: Record<string, string> = {};
      if (as) headers.authorization = `Bearer ${await mintDevToken(as)}`;
      if (meeting) headers['x-meeting-id'] = meeting;
      return post({ query, variables }, headers);
    },
    async stop() {
      await running.stop();
      await auditStore.close();
    },
  };
}
