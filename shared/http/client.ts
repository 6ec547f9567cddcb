/**
 * The HTTP client the gateway talks to its subgraphs with: one POST, its whole answer
 * read, bounded in time. Beside service.ts (the server side of the same exchange).
 */
import http from 'node:http';
import https from 'node:https';

/**
 * Subgraph requests go over node:http with keep-alive connections rather than the global
 * fetch (undici): per request, fetch's WHATWG streams, Request/Response objects and
 * AbortSignal cost the gateway several times the work of the request itself (profiled:
 * about a fifth of the gateway's CPU). Answers are small JSON documents, read whole.
 */
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
};
const urls = new Map<string, URL>();

export interface PostResult {
  url: string;
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export class PostTimeoutError extends Error {}

/** POSTs `body` and reads the whole answer; rejects if the exchange takes longer than `timeoutMs`. */
export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostResult> {
  let target = urls.get(url);
  if (!target) {
    target = new URL(url);
    if (urls.size > 100) urls.clear();
    urls.set(url, target);
  }
  const protocol = target.protocol as keyof typeof AGENTS;
  const agent = AGENTS[protocol];
  if (!agent) return Promise.reject(new Error(`unsupported protocol ${target.protocol}`));
  return new Promise((resolve, reject) => {
    const req = (protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      agent,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    const timer = setTimeout(() => req.destroy(new PostTimeoutError('timed out')), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          url,
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('answer cut off')));
    });
    req.on('error', fail);
    req.end(body);
  });
}
