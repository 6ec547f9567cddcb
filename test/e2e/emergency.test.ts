/**
 * 緊急時の閲覧 and 本人開示 in a real browser (Debian's Chromium, playwright-core), against
 * the whole federated graph in this process: an outreach worker opens a window for P-301
 * from the person view (the reason form), reads 障害 without consent while the banner
 * counts down, ends it early; 福祉課 finds it in the review queue (an overdue one marked),
 * records 不適切 with a note and lifts the restriction; then prints P-101's disclosure
 * report. Screenshots go to test/artifacts/; with DOCS_SCREENSHOTS=1 also to docs/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestGraph } from '../support/graph';
import { ARTIFACTS, launchChromium, startDashboardGraph } from '../support/browser';

const DOCS = path.resolve(__dirname, '../../docs');

jest.setTimeout(120_000);

let graph: TestGraph;
let browser: Browser;
let page: Page;
let base: string;
/** Every GraphQL operation the page sent, with its X-Meeting-Id and X-Emergency-Access. */
const sent: { operation: string; meeting: string; emergency: string }[] = [];
const pageErrors: Error[] = [];

beforeAll(async () => {
  graph = await startDashboardGraph();
  base = graph.url.replace(/\/graphql$/, '');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
  page.setDefaultTimeout(15_000);
  page.on('request', (req) => {
    if (new URL(req.url()).pathname !== '/graphql') return;
    const body = req.postDataJSON() as { query?: string } | null;
    const operation = /(?:query|mutation) (\w+)/.exec(body?.query ?? '')?.[1] ?? '';
    const headers = req.headers();
    sent.push({
      operation,
      meeting: headers['x-meeting-id'] ?? '',
      emergency: headers['x-emergency-access'] ?? '',
    });
  });
  page.on('pageerror', (error) => pageErrors.push(error));
});

afterAll(async () => {
  await browser?.close();
  await graph?.stop();
});

afterEach(() => expect(pageErrors).toEqual([]));

async function shot(name: string, target: Page = page, docs = false): Promise<void> {
  const file = path.join(ARTIFACTS, name);
  await target.screenshot({ path: file, fullPage: true });
  if (docs && process.env.DOCS_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(DOCS, name));
}

const lastSent = (operation: string) => sent.filter((s) => s.operation === operation).at(-1);
const cell = (personId: string, field: string) =>
  page.locator(`tr[data-person="${personId}"] td[data-field="${field}"]`);

async function signInAs(staffId: string): Promise<void> {
  await page.getByLabel('職員').selectOption(staffId);
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
  await page.getByText('としてサインイン中').waitFor();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByRole('heading', { name: 'サインイン', exact: true }).waitFor();
}

/** Finds a person by id and opens their household (search lists households). */
async function openHousehold(search: string, householdId: string): Promise<void> {
  await page.getByLabel(/氏名・フリガナ/).fill(search);
  await page.getByRole('button', { name: '検索' }).click();
  await page.getByRole('button', { name: new RegExp(`（${householdId}）を開く`) }).click();
  await page.locator('#view-title').filter({ hasText: householdId }).waitFor();
}

let windowId = '';

describe('緊急時の閲覧 in the dashboard', () => {
  it('opens a window from the person view with the reason form, and reads in it', async () => {
    await page.goto(`${base}/dashboard`);
    await signInAs('s-outreach-01');
    await openHousehold('P-301', 'H-YC');
    // アウトリーチ is not on C-YC's team: 障害 is withheld.
    await expect(
      cell('P-301', 'SHOGAI').locator(':scope > .withheld').getAttribute('data-code'),
    ).resolves.toBe('NOT_ON_TEAM');
    await page.getByRole('button', { name: '鈴木 一郎さんの緊急時の閲覧' }).click();
    const form = page.locator('#emergency-form-panel');
    await form.waitFor();
    await expect(form.locator('#emergency-person').innerText()).resolves.toContain(
      '鈴木 一郎（宛名番号 P-301）',
    );
    await expect(page.getByLabel('閲覧できる時間').inputValue()).resolves.toBe('2');

    // Nothing goes without a category and a reason; the reason is bounded.
    await page.getByRole('button', { name: '緊急時の閲覧を開始' }).click();
    await expect(form.isVisible()).resolves.toBe(true);
    expect(lastSent('DashboardOpenEmergencyAccess')).toBeUndefined();
    await expect(page.getByLabel('理由（必須・500字以内）').getAttribute('maxlength')).resolves.toBe('500');

    await page.getByLabel('虐待の疑い').check();
    await page
      .getByLabel('理由（必須・500字以内）')
      .fill('夜間の訪問で本人が応答せず、室内から助けを求める声。安否確認のため');
    await expect(page.locator('#emergency-reason-count').innerText()).resolves.toMatch(/^\d+ \/ 500字$/);
    await page.getByRole('button', { name: '緊急時の閲覧を開始' }).click();

    const banner = page.locator('#emergency-banner');
    await banner.filter({ hasText: '鈴木 一郎（P-301）' }).waitFor();
    await expect(banner.innerText()).resolves.toMatch(/残り (2時間0分|1時間5\d分)（/);
    windowId = (await banner.locator('li').getAttribute('data-window')) ?? '';
    expect(windowId).toMatch(/^EA-/);
    expect(lastSent('DashboardOpenEmergencyAccess')).toMatchObject({ meeting: '', emergency: '' });

    // The window's person opens in the person view, read in the window: X-Emergency-Access, no meeting.
    await page.locator('#view-title').filter({ hasText: '鈴木 一郎（P-301）' }).waitFor();
    await cell('P-301', 'SHOGAI').filter({ hasText: '身体障害者手帳' }).waitFor();
    expect(lastSent('DashboardPerson')).toEqual({
      operation: 'DashboardPerson',
      meeting: '',
      emergency: windowId,
    });
    await expect(page.locator('#view-context').innerText()).resolves.toContain(
      '緊急時の閲覧として表示しています',
    );
    await expect(page.getByRole('button', { name: '鈴木 一郎さんの緊急時の閲覧' }).innerText()).resolves.toBe(
      '緊急時の閲覧中',
    );
    await shot('emergency-banner.png', page, true);
  });

  it('sends the window only with that person’s queries', async () => {
    await openHousehold('P-101', 'H-8050');
    expect(lastSent('DashboardHousehold')).toMatchObject({ emergency: '' });
    await expect(page.locator('#emergency-banner').isVisible()).resolves.toBe(true);
  });

  it('ends the window early from the banner: the banner goes and the fields are withheld again', async () => {
    await page.locator('#emergency-banner').getByRole('button', { name: 'この人の記録を開く' }).click();
    await page.locator('#view-title').filter({ hasText: 'P-301' }).waitFor();
    await page.getByRole('button', { name: '閲覧を終了する' }).click();
    await page.locator('#emergency-banner').waitFor({ state: 'hidden' });
    await cell('P-301', 'SHOGAI').locator('.withheld[data-code="NOT_ON_TEAM"]').waitFor();
    expect(lastSent('DashboardPerson')).toMatchObject({ emergency: '' });
    await signOut();
  });

  it('福祉課 reviews it: the queue by status, an overdue window marked, 不適切 with a note, the restriction lifted', async () => {
    // A window that ended ten days ago and was never reviewed: overdue (7 days).
    const tenDaysAgo = Date.now() - 10 * 86_400_000;
    await graph.stores.juso.collection('emergency_windows').insertOne({
      _id: 'EA-OVERDUE1',
      personId: 'P-102',
      staffId: 's-kita-01',
      agencyId: 'houkatsu-kita',
      reasonCategory: 'DANGER_TO_LIFE',
      reason: '訪問時に倒れていた',
      openedAt: new Date(tenDaysAgo - 3600_000).toISOString(),
      expiresAt: new Date(tenDaysAgo + 3600_000).toISOString(),
      closedAt: new Date(tenDaysAgo).toISOString(),
      review: null,
      restrictionLiftedAt: null,
      version: 2,
      history: [],
    });
    await signInAs('s-fukushi-01');
    const reviews = page.locator('#emergency-reviews');
    await reviews.getByRole('heading', { name: /^審査待ち（2件、うち審査期限超過 1件）/ }).waitFor();
    const overdue = reviews.locator('tr[data-window="EA-OVERDUE1"]');
    await expect(overdue.getAttribute('data-overdue')).resolves.toBe('true');
    await expect(overdue.innerText()).resolves.toContain('審査期限超過');
    const row = reviews.locator(`tr[data-window="${windowId}"]`);
    await expect(row.innerText()).resolves.toContain('虐待の疑い');
    await expect(row.innerText()).resolves.toContain('鈴木 一郎（P-301）');

    await row.getByLabel('不適切').check();
    await row.getByLabel('所見（必須）').fill('支援会議で対応できた事案。本人への説明を行うこと');
    await row.getByRole('button', { name: '審査を記録' }).click();
    const reviewed = reviews.locator(`section[data-status="REVIEWED"] tr[data-window="${windowId}"]`);
    await reviewed.filter({ hasText: '不適切：支援会議で対応できた事案' }).waitFor();
    await shot('emergency-reviews.png');

    await reviewed.getByLabel('解除の理由（面談の記録など・必須）').fill('本人と面談し、手順を確認した');
    await reviewed.getByRole('button', { name: '制限を解除' }).click();
    await reviews
      .locator(`section[data-status="REVIEWED"] tr[data-window="${windowId}"]`)
      .filter({ hasText: '制限は解除済み' })
      .waitFor();
  });

  it('prints P-101’s disclosure report alone, on the coordinator’s request', async () => {
    // A little of P-101's day: 地域包括's own field and M-J1 on consent.
    await graph.query('{ person(id: "P-101") { kaigo { careLevel } } }', {}, { as: 's-kita-01' });
    await graph.query(
      '{ person(id: "P-101") { kaigo { careLevel } konkyu { taxStatus } } }',
      {},
      {
        as: 's-takikan-01',
        meeting: 'M-J1',
      },
    );
    const opened = await graph.query<{ openEmergencyAccess: { id: string } }>(
      'mutation ($input: EmergencyAccessInput!) { openEmergencyAccess(input: $input) { id } }',
      {
        input: {
          personId: 'P-101',
          reasonCategory: 'DANGER_TO_LIFE',
          reason: '夜間、自宅で倒れているとの通報',
        },
      },
      { as: 's-outreach-01' },
    );
    const w = opened.body.data?.openEmergencyAccess.id ?? '';
    await graph.query(
      '{ person(id: "P-101") { kaigo { careLevel } } }',
      {},
      {
        as: 's-outreach-01',
        headers: { 'x-emergency-access': w },
      },
    );

    const section = page.locator('#disclosure');
    await section.getByLabel('宛名番号').fill('P-101');
    await section.getByRole('button', { name: '報告書を表示' }).click();
    const report = section.locator('.report[data-person="P-101"]');
    await report.waitFor();
    await expect(report.locator('.report-chain').getAttribute('data-ok')).resolves.toBe('true');
    await expect(report.innerText()).resolves.toContain(
      '緊急時の閲覧（生命・身体の危険：夜間、自宅で倒れているとの通報',
    );
    await expect(report.innerText()).resolves.toContain('重層的支援会議（第8回 重層的支援会議、M-J1）');

    // Printed, the report is all there is on the paper.
    await page.evaluate(() => (document.body.dataset.print = 'disclosure'));
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#emergency-reviews').isVisible()).resolves.toBe(false);
    await expect(page.locator('#search').isVisible()).resolves.toBe(false);
    await expect(report.isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => delete document.body.dataset.print);

    // The gateway's own document (format=html), as printed: the screenshot in docs/.
    const printable = await browser.newPage({
      viewport: { width: 794, height: 1123 },
      locale: 'ja-JP',
      extraHTTPHeaders: { authorization: `Bearer ${await graph.token('s-fukushi-01')}` },
    });
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    const res = await printable.goto(
      `${base}/audit/report?person=P-101&from=${today.slice(0, 8)}01&to=${today}`,
    );
    expect(res?.status()).toBe(200);
    await printable.emulateMedia({ media: 'print' });
    await printable.locator('.report-chain').waitFor();
    await shot('disclosure-report.png', printable, true);
    await printable.close();
  });
});
