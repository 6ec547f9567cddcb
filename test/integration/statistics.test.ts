/**
 * 事業評価 through the gateway (issue 15): the demo town with 1,000 synthetic residents and
 * their synthetic workflow history. Only 福祉課 reads the year's statistics; every other
 * agency is refused and the refusal audited; the answer — and the CSV made of it — holds
 * counts only: no id of a person, household, case, plan or meeting, no name, no staff id.
 */
import iconv from 'iconv-lite';
import { DEMO_AGENCIES, DEMO_STAFF } from '../../town/agencies';
import { SCENARIO_HOUSEHOLDS, SCENARIO_PEOPLE } from '../../subgraphs/juso/seed';
import { syntheticTown } from '../../town/synthetic';
import type { StatCell, StatisticsResult } from '../../subgraphs/juso/statistics/types';
import { DashboardStatisticsDocument } from '../../dashboard/generated/graphql';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

const RESIDENTS = 1000;
let graph: TestGraph;
let base: string;

beforeAll(async () => {
  graph = await startTestGraph({ syntheticResidents: RESIDENTS });
  base = graph.url.replace(/\/graphql$/, '');
}, 60_000);
afterAll(() => graph?.stop());

const ask = (as: string, fiscalYear: number) =>
  graph.query<{ statistics: StatisticsResult | null }>(DashboardStatisticsDocument, { fiscalYear }, { as });

/** Everything that would identify someone, as it could appear in a response. */
function identifiers(): RegExp[] {
  const names = new Set<string>();
  for (const p of SCENARIO_PEOPLE) {
    names.add(p.name);
    for (const part of p.name.split(' ')) names.add(part);
    names.add(p.nameKana);
  }
  for (const h of SCENARIO_HOUSEHOLDS) names.add(h.name);
  for (const r of syntheticTown(RESIDENTS)) {
    names.add(`${r.familyName} ${r.givenName}`);
    names.add(`${r.familyName}世帯`);
  }
  for (const s of DEMO_STAFF) names.add(s.name);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    // P-101, H-8050, C-DOUBLE, PL-KS-1, M-J1; S-0000001, SH-000001, SC-…, SPL-…, SM-…; a consent version.
    /(?<![A-Za-z])(P|H|C|PL|M|S|SH|SC|SPL|SM)-[A-Z0-9]/,
    /#\d/,
    /\bs-[a-z]+-\d\d\b/, // staff ids
    new RegExp(DEMO_AGENCIES.map((a) => escape(a.id)).join('|')),
    new RegExp([...names].map(escape).join('|')),
  ];
}

function expectNoIdentifiers(text: string): void {
  for (const pattern of identifiers()) expect(text).not.toMatch(pattern);
}

function everyCell(s: StatisticsResult): StatCell[] {
  return [
    ...s.tables.flatMap((t) => [
      ...t.cells.flat(),
      ...(t.rowTotals ?? []),
      ...(t.columnTotals ?? []),
      ...(t.grandTotal ? [t.grandTotal] : []),
    ]),
    s.medianDaysToConfirmedPlan.plans,
  ];
}

describe('who may read the statistics', () => {
  it.each(DEMO_STAFF.filter((s) => s.agencyId !== 'fukushi-ka').map((s) => [s.id, s.agencyId]))(
    '%s (%s) is refused with FORBIDDEN, and the refusal is audited',
    async (staffId) => {
      const res = await ask(staffId, 2025);
      expect(res.body.data).toBeNull();
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expectNoIdentifiers(res.text);
      const rows = await graph.gateway.auditLog.rows();
      expect(rows).toContainEqual(
        expect.objectContaining({
          staffId,
          field: 'STATISTICS',
          personId: null,
          subjectId: 'FY2025',
          decision: 'WITHHELD',
          code: 'FORBIDDEN',
        }),
      );
    },
  );

  it('a request without a token is refused as a whole', async () => {
    const res = await graph.query(DashboardStatisticsDocument, { fiscalYear: 2025 }, { headers: {} });
    expect(res.status).toBe(401);
  });

  it('a year outside 2021 … this year is BAD_USER_INPUT', async () => {
    for (const year of [2019, 2999]) {
      const res = await ask('s-fukushi-01', year);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('福祉課 reads the year', () => {
  let s2025: StatisticsResult;
  let text2025: string;
  beforeAll(async () => {
    const res = await ask('s-fukushi-01', 2025);
    expect(res.body.errors ?? []).toEqual([]);
    s2025 = res.body.data!.statistics!;
    text2025 = res.text;
  });

  it('all the tables of the issue, twelve months of 年度2025', () => {
    expect(s2025).toMatchObject({
      fiscalYear: 2025,
      from: '2025-04-01',
      to: '2026-03-31',
      asOf: '2026-03-31',
      minCell: 3,
    });
    expect(s2025.tables.map((t) => t.key)).toEqual([
      'intakesByField',
      'intakesByRoute',
      'consentAtIntake',
      'cases',
      'plansByKindState',
      'supportDecisions',
      'meetingsHeld',
      'meetingDecisions',
      'tsunagari',
      'householdFields',
    ]);
    const intakes = s2025.tables[0]!;
    expect(intakes.rows).toHaveLength(12);
    expect(intakes.rows[0]).toBe('2025年4月');
    // The synthetic history gives a year of real figures: the year's intakes are shown.
    expect(intakes.grandTotal!.value).toBeGreaterThan(20);
  });

  it('every shown cell is at least 3, every other is 「<3」 with no value', () => {
    const cells = everyCell(s2025);
    expect(cells.some((c) => c.suppressed)).toBe(true);
    for (const c of cells) {
      if (c.suppressed) expect(c).toEqual({ value: null, suppressed: true, text: '<3' });
      else expect(c.value).toBeGreaterThanOrEqual(3);
    }
  });

  it('no total gives a hidden cell away: each row and column with its total hides none or two and more', () => {
    for (const t of s2025.tables) {
      const lines: StatCell[][] = [];
      if (t.rowTotals) t.cells.forEach((row, r) => lines.push([...row, t.rowTotals![r]!]));
      if (t.columnTotals)
        t.columns.forEach((_, c) => lines.push([...t.cells.map((row) => row[c]!), t.columnTotals![c]!]));
      for (const line of lines) expect(line.filter((c) => c.suppressed).length).not.toBe(1);
    }
  });

  it('the answer holds no id and no name', () => {
    expectNoIdentifiers(text2025);
  });

  it('the read is audited as an aggregate: no person, field STATISTICS, basis COORDINATOR', async () => {
    const rows = await graph.gateway.auditLog.rows();
    expect(rows).toContainEqual(
      expect.objectContaining({
        staffId: 's-fukushi-01',
        agencyId: 'fukushi-ka',
        personId: null,
        field: 'STATISTICS',
        subjectId: 'FY2025',
        decision: 'DISCLOSED',
        basis: 'COORDINATOR',
      }),
    );
    // Nothing about any person was read to answer it.
    const request = rows.filter((r) => r.subjectId === 'FY2025' && r.decision === 'DISCLOSED').at(-1)!;
    expect(await graph.gateway.auditLog.byRequest(request.requestId)).toHaveLength(1);
  });

  it('the current year runs April to this month; STATS_MIN_CELL raises the threshold', async () => {
    const before = process.env.STATS_MIN_CELL;
    process.env.STATS_MIN_CELL = '5';
    try {
      const res = await ask('s-fukushi-01', 2026);
      const s = res.body.data!.statistics!;
      expect(s.minCell).toBe(5);
      expect(s.tables[0]!.rows[0]).toBe('2026年4月');
      for (const c of everyCell(s)) {
        if (c.suppressed) expect(c.text).toBe('<5');
        else expect(c.value).toBeGreaterThanOrEqual(5);
      }
      expectNoIdentifiers(res.text);
    } finally {
      if (before === undefined) delete process.env.STATS_MIN_CELL;
      else process.env.STATS_MIN_CELL = before;
    }
  });
});

describe('GET /statistics.csv', () => {
  const csv = async (query: string, staffId: string | null) =>
    fetch(`${base}/statistics.csv?${query}`, {
      headers: staffId ? { authorization: `Bearer ${await graph.token(staffId)}` } : {},
    });

  it('UTF-8 with a BOM: the tables with Japanese headers, as a download', async () => {
    const res = await csv('fiscalYear=2025', 's-fukushi-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="statistics-2025.csv"/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toContain(
      '相談受付件数（受付機関の分野別）（単位: 件）\r\n月,介護,障害,子ども,困窮,福祉課・重層事業,その他,計\r\n2025年4月,',
    );
    expect(text).toContain('<3');
    expectNoIdentifiers(text);
  });

  it('CP932 for older office software', async () => {
    const res = await csv('fiscalYear=2025&encoding=cp932', 's-fukushi-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    const text = iconv.decode(Buffer.from(await res.arrayBuffer()), 'cp932');
    expect(text).toContain('つながり評価（終結時）（単位: 件）');
    expectNoIdentifiers(text);
  });

  it('refused as the query is: 403 for other agencies, 401 without a token, 400 for a bad year', async () => {
    expect((await csv('fiscalYear=2025', 's-takikan-01')).status).toBe(403);
    expect((await csv('fiscalYear=2025', null)).status).toBe(401);
    expect((await csv('fiscalYear=abc', 's-fukushi-01')).status).toBe(400);
    expect((await csv('fiscalYear=2019', 's-fukushi-01')).status).toBe(400);
    expect((await csv('fiscalYear=2025&encoding=latin1', 's-fukushi-01')).status).toBe(400);
  });
});
