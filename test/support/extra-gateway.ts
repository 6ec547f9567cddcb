/**
 * A second gateway over a running test graph's subgraphs (or over proxies in front of
 * them), with its own options: production mode, short timeouts, fault injection.
 */
import type { ServiceName } from '../../shared/domain';
import { startService } from '../../shared/http/service';
import { EmbeddedStore } from '../../shared/store';
import type { GatewayOptions, GatewayService } from '../../gateway/server';
import { createGatewayService } from '../../gateway/server';
import type { HttpClient } from './http-client';
import { httpClient } from './http-client';

export type { Reply } from './http-client';

/** A gateway of its own, spoken to over raw HTTP (http-client.ts). */
export interface ExtraGateway extends HttpClient {
  service: GatewayService;
  auditStore: EmbeddedStore;
  stop(): Promise<void>;
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
  return {
    ...httpClient(running.url),
    service,
    auditStore,
    async stop() {
      await running.stop();
      await auditStore.close();
    },
  };
}
