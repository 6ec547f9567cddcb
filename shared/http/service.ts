/**
 * The HTTP shell every service runs in: GraphQL at /graphql through Apollo Server,
 * /health for orchestration, extra routes (the dashboard) where a service has them,
 * a cap on body size, and a graceful stop that drains in-flight requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap } from '@apollo/server';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { createLogger } from '../logger';
import { observeRequest, observeService, requestIdOf } from '../observability';

const log = createLogger('http');

export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

/** What a context function sees of the HTTP request. */
export interface IncomingRequestInfo {
  headers: http.IncomingHttpHeaders;
  /** The raw body, for checks that bind a credential to it. */
  rawBody: string;
  method: string;
}

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface ServiceOptions<TContext extends BaseContext> {
  name: string;
  apollo: ApolloServer<TContext>;
  context: (request: IncomingRequestInfo) => Promise<TContext>;
  /**
   * Extra routes by exact path: a key `/dashboard` is a GET route; a key with a method
   * before the path, `POST /dev-idp/token`, is a route for that method.
   */
  routes?: Record<string, RouteHandler>;
  /** Called by /health; a throw reports the service as unhealthy. */
  healthCheck?: () => Promise<void>;
  maxBodyBytes?: number;
}

export interface RunningService {
  name: string;
  port: number;
  url: string;
  stop(): Promise<void>;
}

class BodyTooLargeError extends Error {}

/** The request body as text; past `limit` bytes it throws, and the shell answers 413. */
export function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  // A declared length over the limit is refused before a byte is read.
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading; the shell answers 413 and closes the connection afterwards.
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function startService<TContext extends BaseContext>(
  options: ServiceOptions<TContext>,
  port: number,
  host = process.env.HOST ?? '127.0.0.1',
): Promise<RunningService> {
  const { apollo, name } = options;
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  await observeService(name, apollo);
  await apollo.start();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    /** Set once the context is made: the request id of the line logged if the request fails. */
    let requestId: string | undefined;
    try {
      if (url.pathname === '/health') {
        await options.healthCheck?.();
        sendJson(res, 200, { status: 'ok', service: name });
        return;
      }
      const method = req.method ?? 'GET';
      const route = options.routes?.[method === 'GET' ? url.pathname : `${method} ${url.pathname}`];
      if (route) {
        await route(req, res);
        return;
      }
      if (url.pathname !== '/graphql' && url.pathname !== '/') {
        sendJson(res, 404, { errors: [{ message: 'Not found' }] });
        return;
      }
      const rawBody = req.method === 'POST' ? await readBody(req, limit) : '';
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown = undefined;
      if (rawBody) {
        const type = headers.get('content-type') ?? '';
        if (type.includes('application/json')) {
          try {
            body = JSON.parse(rawBody);
          } catch {
            sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON' }] });
            return;
          }
        } else body = rawBody;
      }
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: (req.method ?? 'GET').toUpperCase(),
          headers,
          search: url.search,
          body,
        },
        context: async () => {
          const context = await options.context({
            headers: req.headers,
            rawBody,
            method: req.method ?? 'GET',
          });
          requestId = requestIdOf(context);
          return context;
        },
      });
      for (const [key, value] of result.headers) res.setHeader(key, value);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
        return;
      }
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        res.on('finish', () => req.destroy());
        sendJson(res, 413, { errors: [{ message: 'Request body too large' }] });
        return;
      }
      log.error({ err: error, path: url.pathname, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error' }] });
      else res.end();
    }
  };
  const server = http.createServer((req, res) => void observeRequest(name, req, res, handle));
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const url = `http://${host}:${actual}/graphql`;
  log.info({ name, url }, 'service listening');

  let stopping: Promise<void> | null = null;
  return {
    name,
    port: actual,
    url,
    stop() {
      stopping ??= (async () => {
        // Refuse new connections, let in-flight requests finish, then close idle sockets.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const forced = setTimeout(() => server.closeAllConnections(), 5_000);
        await closed;
        clearTimeout(forced);
        await apollo.stop();
        log.info({ name }, 'service stopped');
      })();
      return stopping;
    },
  };
}

/** Stops the services on SIGTERM / SIGINT, then exits. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let done = false;
  const handler = (signal: string) => {
    if (done) return;
    done = true;
    log.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}

/** A built service, its context type erased, ready to listen. */
export interface Startable {
  name: string;
  start(port: number, host?: string): Promise<RunningService>;
}

export function startable<TContext extends BaseContext>(options: ServiceOptions<TContext>): Startable {
  return { name: options.name, start: (port, host) => startService(options, port, host) };
}
