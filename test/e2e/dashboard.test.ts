/**
 * The household dashboard in a real browser: Debian's Chromium driven by playwright-core
 * (no browser download), against the whole federated graph started in this process with
 * the demo sign-in on. Screenshots go to test/artifacts/ (gitignored) for a person to
 * look at. The tests run in order and share one page, as one person's session would.
 */
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { mintDevToken } from '../../town/dev-idp';
import type { TestGraph } from '../support/graph';
import { ARTIFACTS, launchChromium, startDashboardGraph } from '../support/browser';

jest.setTimeout(120_000);

let graph: TestGraph;
let browser: Browser;
let page: Page;
let base: string;
/** Every GraphQL operation the page sent, with its X-Meeting-Id ('' for none). */
const sent: { operation: string; meeting: string }[] = [];
const pageErrors: Error[] = [];

beforeAll(async () => {
  graph = await startDashboardGraph();
  base = graph.url.replace(/\/graphql$/, '');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'ja-JP' });
  page.setDefaultTimeout(15_000);
  page.on('request', (req) => {
    if (new URL(req.url()).pathname !== '/graphql') return;
    const body = req.postDataJSON() as { operationName?: string; query?: string } | null;
    const operation = body?.operationName ?? /query (\w+)/.exec(body?.query ?? '')?.[1] ?? '';
    sent.push({ operation, meeting: req.headers()['x-meeting-id'] ?? '' });
  });
  page.on('pageerror', (error) => pageErrors.push(error));
});

afterAll(async () => {
  await browser?.close();
  await graph?.stop();
});

afterEach(() => {
  // A script error in the page fails the test that caused it.
  expect(pageErrors).toEqual([]);
});

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
const row = (personId: string) => page.locator(`tr[data-person="${personId}"]`);
const cell = (personId: string, field: string) => row(personId).locator(`td[data-field="${field}"]`);
/** The 非開示 box that stands for a whole cell (the field withheld as a whole). */
const withheldCell = (personId: string, field: string): Locator =>
  cell(personId, field).locator(':scope > .withheld');
const text = (locator: Locator) => locator.innerText();
/** Waits until the element shows this text (the page updates after its requests answer). */
const shows = (locator: Locator, hasText: string | RegExp) => locator.filter({ hasText }).waitFor();
const lastSent = (operation: string) => sent.filter((s) => s.operation === operation).at(-1);

async function signInAs(staffId: string): Promise<void> {
  await page.getByLabel('職員').selectOption(staffId);
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
  await page.getByText('としてサインイン中').waitFor();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByRole('heading', { name: 'サインイン', exact: true }).waitFor();
}

/** Acts in one of the open meetings the page lists (from myMeetings). */
async function actInMeeting(meetingId: string): Promise<void> {
  const radio = page.getByRole('radio', { name: new RegExp(`（${meetingId}・`) });
  await radio.check();
  await page.locator('#agenda').filter({ hasText: 'の議題' }).waitFor();
  await expect(radio.isChecked()).resolves.toBe(true);
}

async function actOutsideMeetings(): Promise<void> {
  await page.getByRole('radio', { name: /会議外/ }).check();
  await page.locator('#view-context').filter({ hasText: '会議外で表示しています' }).waitFor();
}

async function openFromSearch(search: string, householdId: string): Promise<void> {
  await page.getByLabel(/氏名・フリガナ/).fill(search);
  await page.getByRole('button', { name: '検索' }).click();
  await page.getByRole('button', { name: new RegExp(`（${householdId}）を開く`) }).click();
  await page.locator('#view-title').filter({ hasText: householdId }).waitFor();
}

describe('household dashboard in Chromium', () => {
  it('serves the page with a strict CSP and offers the demo staff', async () => {
    const response = await page.goto(`${base}/dashboard`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.title()).resolves.toContain('世帯ダッシュボード');
    await page.locator('#dev-sign-in').waitFor();
    expect(await page.getByLabel('職員').locator('option').count()).toBe(8);
  });

  it('signs in as s-takikan-01, opens H-DOUBLE in M-J1, and shows every withheld cell with its reason', async () => {
    await signInAs('s-takikan-01');
    await shows(page.locator('#who-text'), '滝川 亮（多機関協働事業者');
    // myMeetings: takikan-shakyo is a member of M-J1 only (open).
    const offered = await page.locator('#context-options label').allInnerTexts();
    expect(offered).toEqual([
      '会議外（担当ケースとして見る）',
      expect.stringMatching(/^第8回 重層的支援会議（M-J1・重層的支援会議・開催中・/),
    ]);
    await actInMeeting('M-J1');
    await openFromSearch('さとう', 'H-DOUBLE'); // hiragana finds the katakana reading サトウ
    expect(lastSent('DashboardHousehold')?.meeting).toBe('M-J1');
    await expect(text(page.locator('#view-context'))).resolves.toContain(
      '第8回 重層的支援会議（M-J1・重層的支援会議',
    );

    // P-201: consent covers KAIGO, KODOMO, KONKYU, not SHOGAI and not tax.
    await expect(withheldCell('P-201', 'SHOGAI').getAttribute('data-code')).resolves.toBe('CONSENT_REQUIRED');
    await expect(text(withheldCell('P-201', 'SHOGAI'))).resolves.toContain('本人の同意がありません');
    const tax = cell('P-201', 'KONKYU').locator('.withheld');
    await expect(tax.getAttribute('data-code')).resolves.toBe('TAX_CONSENT_REQUIRED');
    await expect(text(tax)).resolves.toContain('税情報は同意なしに共有できません');
    await expect(text(cell('P-201', 'KONKYU'))).resolves.toMatch(/家計改善支援[\s\S]*課税状況[\s\S]*非開示/);
    // P-203, P-204: consent (by guardian) covers KODOMO only; 要対協 records never on consent.
    for (const child of ['P-203', 'P-204']) {
      await expect(withheldCell(child, 'KAIGO').getAttribute('data-code')).resolves.toBe('CONSENT_REQUIRED');
      await expect(text(withheldCell(child, 'KAIGO'))).resolves.toContain('本人の同意がありません');
      await expect(text(cell(child, 'KODOMO'))).resolves.toMatch(
        /要対協の登録\s*非開示\s*この記録はこの立場では共有できません/,
      );
    }
    // P-202: consent to all four fields; 要支援1, and a field without a record is 記録なし, not 非開示.
    await expect(text(cell('P-202', 'KAIGO'))).resolves.toContain('要支援1');
    await expect(text(cell('P-202', 'SHOGAI'))).resolves.toBe('記録なし');
    expect(await cell('P-202', 'SHOGAI').locator('.withheld').count()).toBe(0);
    await expect(text(cell('P-202', 'CONSENT'))).resolves.toContain('同意する（有効）');
    // The case, its plan, status and next monitoring date.
    await expect(text(page.locator('[data-case="C-DOUBLE"]'))).resolves.toMatch(
      /多機関協働プラン\s*重層的支援会議で協議中\s*2027年1月31日/,
    );
    // The meeting's agenda is offered.
    await expect(text(page.locator('#agenda'))).resolves.toContain('ケース ダブルケア');
    await shot('dashboard-h-double-m-j1.png');
  });

  it('switches to outside meetings: the request drops X-Meeting-Id and the view says so', async () => {
    const before = sent.length;
    await actOutsideMeetings();
    const household = sent.slice(before).filter((s) => s.operation === 'DashboardHousehold');
    expect(household).toEqual([{ operation: 'DashboardHousehold', meeting: '' }]);
    await expect(page.locator('#agenda').innerHTML()).resolves.toBe('');
    await expect(page.locator('#view-context').getAttribute('data-meeting')).resolves.toBe('');
    // 多機関協働事業者 is on C-DOUBLE's team: outside the meeting the same consent decides.
    await expect(withheldCell('P-201', 'SHOGAI').getAttribute('data-code')).resolves.toBe('CONSENT_REQUIRED');
    await expect(cell('P-201', 'KONKYU').locator('.withheld').getAttribute('data-code')).resolves.toBe(
      'TAX_CONSENT_REQUIRED',
    );
    await shot('dashboard-h-double-outside.png');
  });

  it('in 支援会議 M-S1 the coordinator sees H-YC without consent; outside it, consent decides', async () => {
    await signOut();
    await signInAs('s-fukushi-01');
    await actInMeeting('M-S1');
    await page.getByRole('button', { name: /ケース ヤングケアラー.*を開く/ }).click();
    await page.locator('#view-title').filter({ hasText: 'H-YC' }).waitFor();
    // 支援会議 (法106条の6): shared without consent (P-301 refused it, P-302's is unknown).
    await expect(text(cell('P-301', 'SHOGAI'))).resolves.toMatch(/身体障害者手帳 1級[\s\S]*区分5/);
    await expect(text(cell('P-302', 'KODOMO'))).resolves.toContain('要支援児童');
    await expect(text(cell('P-301', 'CONSENT'))).resolves.toContain('同意しない');
    await shot('dashboard-h-yc-m-s1.png');

    await actOutsideMeetings();
    await expect(withheldCell('P-301', 'SHOGAI').getAttribute('data-code')).resolves.toBe('CONSENT_REQUIRED');
    await expect(text(withheldCell('P-301', 'SHOGAI'))).resolves.toContain('本人の同意がありません');
    await expect(withheldCell('P-302', 'KODOMO').getAttribute('data-code')).resolves.toBe('CONSENT_REQUIRED');
    await shot('dashboard-h-yc-outside.png');
  });

  it('tells a non-member why a meeting cannot be used, and an agency off the team why each field is withheld', async () => {
    await signOut();
    await signInAs('s-hw-01');
    await page.getByLabel('一覧にない会議を会議IDで指定').fill('M-J1');
    await page.getByRole('button', { name: 'この会議で見る' }).click();
    await shows(page.locator('#meeting-id-result'), 'M-J1 では表示できません: 会議の構成員ではありません');
    expect(await page.getByRole('radio', { name: /M-J1/ }).count()).toBe(0);

    await openFromSearch('H-DOUBLE', 'H-DOUBLE');
    for (const field of ['CONSENT', 'KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU']) {
      await expect(withheldCell('P-202', field).getAttribute('data-code')).resolves.toBe('NOT_ON_TEAM');
    }
    await expect(text(withheldCell('P-202', 'KAIGO'))).resolves.toContain(
      '所属機関がこの人のケースの支援チームに入っていません',
    );
  });

  it('accepts a pasted token from the identity provider and refuses a bad one', async () => {
    await signOut();
    await page.getByLabel('アクセストークン（JWT）').fill('not-a-token');
    await page.getByRole('button', { name: 'トークンでサインイン' }).click();
    await shows(page.getByRole('alert'), 'トークンの形式が正しくありません');

    const expired = await mintDevToken('s-kodomo-01', { expiresInSeconds: -3600 });
    await page.getByLabel('アクセストークン（JWT）').fill(expired);
    await page.getByRole('button', { name: 'トークンでサインイン' }).click();
    await shows(page.getByRole('alert'), 'もう一度サインインしてください');
    await page.locator('#workspace').waitFor({ state: 'hidden' });

    await page.getByLabel('アクセストークン（JWT）').fill(`Bearer ${await mintDevToken('s-kodomo-01')}`);
    await page.getByRole('button', { name: 'トークンでサインイン' }).click();
    await shows(page.locator('#who-text'), '小森 まゆみ（こども家庭センター');
  });

  it('works from the keyboard: search with Enter, Tab to a result, open it, focus lands on the view', async () => {
    await page.getByLabel(/氏名・フリガナ/).focus();
    await page.keyboard.type('山田');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /（H-8050）を開く/ }).waitFor();
    await page.keyboard.press('Tab'); // the search button
    await page.keyboard.press('Tab'); // the first result
    await expect(page.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toContain('H-8050');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.locator('#view-title').filter({ hasText: 'H-8050' }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('view-title');
    // こども家庭センター is not on C-8050's team, but always sees its own field (KODOMO).
    await expect(withheldCell('P-102', 'KAIGO').getAttribute('data-code')).resolves.toBe('NOT_ON_TEAM');
    await expect(text(cell('P-102', 'KODOMO'))).resolves.toBe('記録なし');
  });

  it('prints the household view alone, withheld cells still marked in words', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      await page.locator('#search').waitFor({ state: 'hidden' });
      await page.locator('#context').waitFor({ state: 'hidden' });
      await page.locator('#view-title').waitFor({ state: 'visible' });
      await page.getByText('取扱注意：会議資料').waitFor({ state: 'visible' });
      await shot('dashboard-print.png');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});

describe('demo sign-in routes (DEV_IDP_SIGNIN=1)', () => {
  it('mints a token for a demo staff member from JSON only', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${base}/dev-idp/token`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('staffId=s-kita-01', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post('{')).status).toBe(400);
    expect((await post('null')).status).toBe(400);
    expect((await post(JSON.stringify({ staffId: 'x'.repeat(2_000) }))).status).toBe(413);
    expect((await post(JSON.stringify({ staffId: 's-nobody' }))).status).toBe(400);
    const ok = await post(JSON.stringify({ staffId: 's-kita-01' }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const { token } = (await ok.json()) as { token: string };
    const res = await graph.query(
      '{ person(id: "P-101") { name } }',
      {},
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(res.body.data).toEqual({ person: { name: '山田 ハナ' } });
  });
});
