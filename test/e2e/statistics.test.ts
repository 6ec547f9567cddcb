/**
 * 事業評価 in a real browser (issue 15): Debian's Chromium driven by playwright-core
 * against the in-process graph (the demo town with synthetic residents and their synthetic
 * workflow history). 福祉課 opens the statistics tab, picks 年度2025, sees a chart beside
 * each monthly table and the four-field overlap, suppressed cells as 「<3」, downloads both
 * CSVs and prints; another agency is told the page is not theirs. No script error and no
 * CSP violation along the way.
 *
 * Screenshots go to test/artifacts/ (gitignored). STATISTICS_SCREENSHOT=docs writes
 * docs/statistics.png too (the committed one was taken with STATISTICS_E2E_RESIDENTS=150000).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestGraph } from '../support/graph';
import { ARTIFACTS, launchChromium, startDashboardGraph } from '../support/browser';

const DOCS_SHOT = path.resolve(__dirname, '../../docs/statistics.png');
const RESIDENTS = Number(process.env.STATISTICS_E2E_RESIDENTS ?? 1000);

jest.setTimeout(180_000);

let graph: TestGraph;
let browser: Browser;
let page: Page;
let base: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  graph = await startDashboardGraph({ syntheticResidents: RESIDENTS });
  base = graph.url.replace(/\/graphql$/, '');
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
    locale: 'ja-JP',
    acceptDownloads: true,
  });
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // A CSP violation is reported on the console: it fails the test like a script error.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content.Security.Policy|Trusted Type/i.test(msg.text()))
      pageErrors.push(msg.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await graph?.stop();
});

afterEach(() => expect(pageErrors).toEqual([]));

async function signInAs(staffId: string): Promise<void> {
  await page.getByLabel('職員').selectOption(staffId);
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
  await page.getByText('としてサインイン中').waitFor();
}

async function openYear(year: number): Promise<void> {
  await page.getByRole('button', { name: '事業評価（統計）' }).click();
  await page.getByLabel('年度', { exact: true }).selectOption(String(year));
  await page.getByRole('button', { name: '表示', exact: true }).click();
  await page
    .locator('#statistics-meta')
    .filter({ hasText: `${year}年度（` })
    .waitFor();
}

describe('事業評価 in Chromium', () => {
  it('福祉課 sees 年度2025: a chart beside each monthly table, the tables, 「<3」 where suppressed', async () => {
    await page.goto(`${base}/dashboard`);
    await signInAs('s-fukushi-01');
    await openYear(2025);

    const tables = page.locator('#statistics-body table.stat-table');
    await expect(tables.count()).resolves.toBe(10);
    // Every chart has its table in the same figure; the canvas is labelled as repeating it.
    const charts = page.locator('#statistics-body .stat-figure canvas');
    await expect(charts.count()).resolves.toBe(7);
    for (const key of [
      'intakesByField',
      'intakesByRoute',
      'consentAtIntake',
      'cases',
      'meetingsHeld',
      'householdFields',
    ]) {
      const block = page.locator(`[data-block="${key}"]`);
      await expect(block.locator('canvas').count()).resolves.toBe(1);
      await expect(block.locator('table').count()).resolves.toBe(1);
      await expect(block.locator('canvas').getAttribute('aria-label')).resolves.toMatch(
        /数値は隣の表のとおり/,
      );
    }
    // Chart.js drew something: a canvas with a size, and pixels that are not all blank.
    const drawn = await page.locator('[data-block="intakesByField"] canvas').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      const data = ctx?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) ink++;
      return { width: canvas.width, ink };
    });
    expect(drawn.width).toBeGreaterThan(200);
    expect(drawn.ink).toBeGreaterThan(1000);

    // The table reads as a table: headers by scope, months as row headers, a totals row.
    const intakes = page.locator('table[data-table="intakesByField"]');
    await expect(intakes.locator('caption').innerText()).resolves.toBe(
      '相談受付件数（受付機関の分野別）（単位: 件）',
    );
    await expect(intakes.locator('thead th').allInnerTexts()).resolves.toEqual([
      '月',
      '介護',
      '障害',
      '子ども',
      '困窮',
      '福祉課・重層事業',
      'その他',
      '計',
    ]);
    await expect(intakes.locator('tbody th[scope="row"]').count()).resolves.toBe(12);
    await expect(intakes.locator('tfoot th').innerText()).resolves.toBe('計');
    // Suppressed cells say so in words (not only by colour), and nothing shown is below 3.
    const texts = await page.locator('#statistics-body td').allInnerTexts();
    expect(texts).toContain('<3');
    for (const t of texts) if (t !== '<3') expect(Number(t)).toBeGreaterThanOrEqual(3);
    await expect(page.locator('td[data-suppressed="true"]').first().innerText()).resolves.toBe('<3');
    await expect(page.locator('[data-block="median"]').innerText()).resolves.toMatch(/中央値\s*\d+(\.5)?日/);
    // Nothing on the page names anyone.
    const all = await page.locator('#statistics').innerText();
    expect(all).not.toMatch(/(?<![A-Za-z])(P|H|C|PL|M|S|SH|SC|SPL|SM)-[A-Z0-9]/);
    expect(all).not.toMatch(/山田|佐藤|鈴木|高橋|田中|伊藤/);

    await page.screenshot({ path: path.join(ARTIFACTS, 'statistics-2025.png'), fullPage: true });
    if (process.env.STATISTICS_SCREENSHOT === 'docs')
      await page.screenshot({
        path: DOCS_SHOT,
        fullPage: true,
        clip: { x: 0, y: 0, width: 1440, height: 2100 },
      });
  });

  it('downloads the CSV in UTF-8 (with a BOM) and in Shift_JIS', async () => {
    for (const [button, bom] of [
      ['CSV（UTF-8）', true],
      ['CSV（Shift_JIS）', false],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ]);
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      expect(download.suggestedFilename()).toMatch(/^事業評価_2025年度(_sjis)?\.csv$/);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(bom);
    }
  });

  it('prints the statistics alone: no tabs, no buttons, the tables and the charts', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      await expect(page.locator('#tabs').isVisible()).resolves.toBe(false);
      await expect(page.getByRole('button', { name: '印刷' }).isVisible()).resolves.toBe(false);
      await expect(page.locator('#statistics-form').isVisible()).resolves.toBe(false);
      await expect(page.locator('table[data-table="householdFields"]').isVisible()).resolves.toBe(true);
      await expect(page.locator('[data-block="householdFields"] canvas').isVisible()).resolves.toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'statistics-print.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4', landscape: true });
      expect(pdf.length).toBeGreaterThan(10_000);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('keyboard: the tab, the year and 表示 are reachable and the heading takes the focus', async () => {
    await page.getByRole('button', { name: '世帯を見る' }).click();
    await expect(page.locator('#statistics').isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: '事業評価（統計）' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('statistics-title');
    await expect(
      page.getByRole('button', { name: '事業評価（統計）' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
  });

  it('another agency is told the statistics are for 福祉課, and sees no figure', async () => {
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await signInAs('s-takikan-01');
    await page.getByRole('button', { name: '事業評価（統計）' }).click();
    await page.locator('#statistics-body [data-state="refused"]').waitFor();
    await expect(page.locator('#statistics-body').innerText()).resolves.toContain(
      '福祉課（重層担当）の職員だけ',
    );
    await expect(page.locator('#statistics-body table').count()).resolves.toBe(0);
    await expect(page.locator('#statistics-body canvas').count()).resolves.toBe(0);
  });
});
