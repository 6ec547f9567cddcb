/**
 * The dashboard's HTTP side, over the real gateway: content types, caching, the CSP,
 * no inline script, and the demo sign-in off unless DEV_IDP_SIGNIN=1 outside production.
 */
import { DASHBOARD_CSP, dashboardRoutes, devSignInEnabled } from '../../gateway/dashboard';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

let graph: TestGraph;
let base: string;

beforeAll(async () => {
  // Off by default: the graph is built without the variable, whatever the shell had.
  const before = process.env.DEV_IDP_SIGNIN;
  delete process.env.DEV_IDP_SIGNIN;
  try {
    graph = await startTestGraph();
  } finally {
    if (before !== undefined) process.env.DEV_IDP_SIGNIN = before;
  }
  base = graph.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await graph?.stop();
});

describe('the dashboard over HTTP', () => {
  it('serves the page as UTF-8 HTML with a strict CSP and revalidated caching', async () => {
    const res = await fetch(`${base}/dashboard`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(DASHBOARD_CSP);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    const html = await res.text();
    expect(html).toContain('<html lang="ja">');
    // No inline script, handler or style: every script has a src, no on*= or style=.
    for (const tag of html.match(/<script\b[^>]*>/g) ?? [])
      expect(tag).toMatch(/\ssrc="\/dashboard\/app\.js"/);
    expect(html).not.toMatch(/<script\b[^>]*>(?!<\/script>)/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=|<style/i);
  });

  it('serves the script built from TypeScript at start, and the stylesheet, each with an ETag', async () => {
    for (const [file, type] of [
      ['app.js', 'text/javascript; charset=utf-8'],
      ['dashboard.css', 'text/css; charset=utf-8'],
    ]) {
      const res = await fetch(`${base}/dashboard/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const etag = res.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[\w-]+"$/);
      const body = await res.text();
      expect(body.length).toBeGreaterThan(1000);
      const again = await fetch(`${base}/dashboard/${file}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
    const script = await (await fetch(`${base}/dashboard/app.js`)).text();
    expect(script).toContain('本人の同意がありません');
    expect(script).not.toMatch(/innerHTML|insertAdjacentHTML|eval\(/);
  });

  it('has no demo sign-in unless DEV_IDP_SIGNIN=1: the routes answer 404', async () => {
    expect((await fetch(`${base}/dev-idp/staff`)).status).toBe(404);
    const token = await fetch(`${base}/dev-idp/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffId: 's-takikan-01' }),
    });
    expect(token.status).toBe(404);
    expect(await token.text()).not.toContain('eyJ');
  });

  it('keeps GET routes GET-only', async () => {
    const res = await fetch(`${base}/dashboard`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });
});

describe('when the demo sign-in is on', () => {
  it.each([
    [{ production: false, env: { DEV_IDP_SIGNIN: '1' } }, true],
    [{ production: false, env: {} }, false],
    [{ production: false, env: { DEV_IDP_SIGNIN: 'true' } }, false],
    [{ production: false, env: { DEV_IDP_SIGNIN: '1', NODE_ENV: 'production' } }, false],
    [{ production: true, env: { DEV_IDP_SIGNIN: '1' } }, false],
  ])('%j → %s', (options, on) => {
    expect(devSignInEnabled(options)).toBe(on);
    const routes = Object.keys(dashboardRoutes(options));
    expect(routes.includes('POST /dev-idp/token')).toBe(on);
    expect(routes.includes('/dev-idp/staff')).toBe(on);
    expect(routes).toContain('/dashboard');
  });
});
