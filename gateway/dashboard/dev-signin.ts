/**
 * The dashboard's demo sign-in: the development identity provider (town/dev-idp.ts)
 * reachable from the browser, so a person trying the demo town can pick a staff member
 * instead of pasting a token.
 *
 *   GET  /dev-idp/staff   the demo town's staff (for the picker)
 *   POST /dev-idp/token   {"staffId": "s-takikan-01"} → {"token": "<JWT>", …}
 *
 * Anyone who can reach these routes can act as any demo staff member, so they exist only
 * when DEV_IDP_SIGNIN=1 and never in production (NODE_ENV=production or the gateway's
 * `production` option), whatever the variable says. When off they are not registered at
 * all: the gateway answers 404, as for any unknown path.
 */
import type http from 'node:http';
import { mintDevToken } from '../../town/dev-idp';
import type { RouteHandler } from '../../shared/http/service';
import { readBody } from '../../shared/http/service';
import { createLogger } from '../../shared/logger';
import { agencyById, DEMO_STAFF } from '../../town/agencies';

const log = createLogger('dev-signin');

/** The request is `{"staffId": "…"}`: a few dozen bytes. */
const MAX_TOKEN_REQUEST_BYTES = 1_024;
/** A demo token lasts a working day, like the ones `npm run token` prints. */
const DEV_TOKEN_SECONDS = 8 * 3600;

export interface DevSignInOptions {
  /** The gateway runs in production: the demo sign-in is off, whatever the environment says. */
  production: boolean;
  env?: NodeJS.ProcessEnv;
}

export function devSignInEnabled({ production, env = process.env }: DevSignInOptions): boolean {
  return !production && env.NODE_ENV !== 'production' && env.DEV_IDP_SIGNIN === '1';
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    // A token must not be kept by any cache.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

const staffRoute: RouteHandler = (_req, res) => {
  send(res, 200, {
    staff: DEMO_STAFF.map((s) => ({
      id: s.id,
      name: s.name,
      agencyId: s.agencyId,
      agencyName: agencyById(s.agencyId)?.name ?? s.agencyId,
    })),
  });
};

const tokenRoute: RouteHandler = async (req, res) => {
  // Only a JSON body: a cross-site form cannot send one without a CORS preflight,
  // which this route never grants.
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return send(res, 415, { error: 'UNSUPPORTED_MEDIA_TYPE', message: 'send {"staffId": "…"} as JSON' });
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, MAX_TOKEN_REQUEST_BYTES));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return send(res, 400, { error: 'BAD_REQUEST', message: 'the body is not valid JSON' });
  }
  const staffId = typeof body === 'object' && body !== null ? (body as { staffId?: unknown }).staffId : null;
  const staff = DEMO_STAFF.find((s) => s.id === staffId);
  if (!staff) return send(res, 400, { error: 'BAD_REQUEST', message: 'staffId must be a demo staff id' });
  log.info({ staffId: staff.id }, 'demo token minted');
  send(res, 200, {
    token: await mintDevToken(staff.id, { expiresInSeconds: DEV_TOKEN_SECONDS }),
    staffId: staff.id,
    name: staff.name,
    agencyId: staff.agencyId,
    expiresIn: DEV_TOKEN_SECONDS,
  });
};

/** The routes when the demo sign-in is on; none otherwise. */
export function devSignInRoutes(options: DevSignInOptions): Record<string, RouteHandler> {
  if (!devSignInEnabled(options)) return {};
  log.warn('demo sign-in is on (DEV_IDP_SIGNIN=1): anyone who reaches the gateway can act as demo staff');
  return { '/dev-idp/staff': staffRoute, 'POST /dev-idp/token': tokenRoute };
}
