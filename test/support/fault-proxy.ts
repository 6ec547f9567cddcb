/**
 * A loopback proxy in front of a subgraph that can fail on command: pass, down (the
 * connection is cut), slow (answers after a delay), or refuse only the gateway's
 * access-facts queries.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../../shared/http/service';

/**
 * no-facts: _accessFacts fails and the facts juso attaches to its answers are dropped;
 * no-facts-query: only _accessFacts fails (the attached facts still arrive).
 */
export type FaultMode = 'pass' | 'down' | 'slow' | 'no-facts' | 'no-facts-query';

export class FaultProxy {
  mode: FaultMode = 'pass';
  delayMs = 5_000;
  private server: http.Server | null = null;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    this.server = http.createServer(async (req, res) => {
      const body = await readBody(req, 10_000_000);
      if (this.mode === 'down') {
        req.socket.destroy();
        return;
      }
      if ((this.mode === 'no-facts' || this.mode === 'no-facts-query') && body.includes('_accessFacts')) {
        res
          .writeHead(503, { 'content-type': 'application/json' })
          .end('{"errors":[{"message":"unavailable"}]}');
        return;
      }
      if (this.mode === 'slow') await new Promise((r) => setTimeout(r, this.delayMs));
      try {
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
        ) as Record<string, string>;
        const upstream = await fetch(this.target, {
          method: req.method,
          headers,
          body: req.method === 'POST' ? body : undefined,
        });
        res.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'application/json',
        });
        let text = await upstream.text();
        // The 重層 subgraph also attaches access facts to its answers (juso server.ts): a
        // facts outage takes those too, or the gateway would not need _accessFacts at all.
        if (this.mode === 'no-facts') text = withoutAttachedFacts(text);
        res.end(text);
      } catch {
        req.socket.destroy();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/graphql`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}

function withoutAttachedFacts(text: string): string {
  try {
    const json = JSON.parse(text) as { extensions?: Record<string, unknown> };
    if (!json.extensions || !('accessFacts' in json.extensions)) return text;
    delete json.extensions.accessFacts;
    return JSON.stringify(json);
  } catch {
    return text;
  }
}
