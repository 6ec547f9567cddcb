/**
 * The household dashboard (/dashboard): a static page, its stylesheet and one script,
 * served by the gateway beside /graphql. The page reads only the public GraphQL API,
 * with the signed-in staff member's token, exactly as any other client would.
 *
 * The script is TypeScript (dashboard/client/), bundled with esbuild (bundle.ts): by
 * `npm run build` for the compiled gateway, in memory at start when the gateway runs from
 * its sources, so a development gateway has no build step to forget. The page carries a strict
 * Content-Security-Policy: scripts, styles and requests from this origin only, no inline
 * script or style, no frames, and Trusted Types so no string can become HTML.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { RouteHandler } from '../../shared/http/service';
import { createLogger } from '../../shared/logger';
import type { DevSignInOptions } from './dev-signin';
import { devSignInRoutes } from './dev-signin';
import { dashboardScript } from './bundle';

const log = createLogger('dashboard');

export const DASHBOARD_PATH = '/dashboard';
const PUBLIC_DIR = path.join(__dirname, '../../dashboard/public');

export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

interface Asset {
  type: string;
  body: Buffer;
  etag: string;
}

function asset(type: string, body: string | Buffer): Asset {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    type,
    body: buffer,
    etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 27)}"`,
  };
}

/**
 * Revalidated on every use (`no-cache` with an ETag): a new gateway build is seen at
 * once, an unchanged one costs a 304. The page and its code hold no personal data;
 * that comes from /graphql at run time.
 */
function sendAsset(req: http.IncomingMessage, res: http.ServerResponse, a: Asset): void {
  const headers = { ...SECURITY_HEADERS, 'cache-control': 'no-cache', etag: a.etag };
  if (req.headers['if-none-match'] === a.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': a.type,
    'content-length': String(a.body.length),
  });
  res.end(a.body);
}

export interface DashboardRouteOptions extends DevSignInOptions {
  /** The gateway runs in production on the public demo keys (ALLOW_DEMO_KEYS=1): say so on the page. */
  demoKeysBanner?: boolean;
}

/** Where the page takes the demo-key banner (a comment in public/index.html). */
const BANNER_SLOT = '<!-- demo-keys-banner -->';
/**
 * Server-rendered, so it shows before sign-in and without the script, and the strict
 * CSP stays as it is (no inline script or style: its look is in dashboard.css).
 */
export const DEMO_KEYS_BANNER =
  '<p id="demo-keys-banner" class="demo-keys-banner" role="alert">' +
  'デモ用の鍵で動作中 — 本番では使用しないでください。' +
  'この環境はリポジトリで公開されている鍵（dev/）を信頼しているため、誰でもトークンを作成できます。' +
  '</p>';

function pageHtml(banner: boolean): string {
  const html = fs.readFileSync(path.join(PUBLIC_DIR, 'index.html'), 'utf8');
  if (!html.includes(BANNER_SLOT)) throw new Error(`dashboard index.html has no ${BANNER_SLOT}`);
  return html.replace(BANNER_SLOT, banner ? DEMO_KEYS_BANNER : '');
}

/** The dashboard's routes for the gateway's routes map, demo sign-in included when it is on. */
export function dashboardRoutes(options: DashboardRouteOptions): Record<string, RouteHandler> {
  const page = asset('text/html; charset=utf-8', pageHtml(options.demoKeysBanner === true));
  const style = asset('text/css; charset=utf-8', fs.readFileSync(path.join(PUBLIC_DIR, 'dashboard.css')));
  // Started with the gateway; the first request for the script waits for it if need be.
  const script = dashboardScript().then(
    (code) => asset('text/javascript; charset=utf-8', code),
    (error: unknown) => {
      log.error({ err: error }, 'the dashboard script did not build');
      return null;
    },
  );
  return {
    [DASHBOARD_PATH]: (req, res) => sendAsset(req, res, page),
    [`${DASHBOARD_PATH}/dashboard.css`]: (req, res) => sendAsset(req, res, style),
    [`${DASHBOARD_PATH}/app.js`]: async (req, res) => {
      const built = await script;
      if (!built) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        res.end('dashboard script unavailable');
        return;
      }
      sendAsset(req, res, built);
    },
    ...devSignInRoutes(options),
  };
}
