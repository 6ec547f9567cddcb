/**
 * 本人開示の報告書 (GET /audit/report) for P-101 after a scripted day through the real
 * federated graph: own-field reads by 地域包括, a 重層的支援会議 read in M-J1, a 支援会議
 * convened for P-101 by the workflow mutations (M-S1's agenda does not hold P-101), and a
 * 緊急時の閲覧 window. The report lists exactly the decisions the day made about P-101,
 * each basis in words, and nothing else; the CSV in both encodings; the chain line; and
 * reading the report is itself audited.
 */
import iconv from 'iconv-lite';
import type { CredentialSubject } from '../../shared/auth/gateway-credential';
import { CREDENTIAL_HEADER, CredentialSigner } from '../../shared/auth/gateway-credential';
import type { ReportModel, ReportRow } from '../../dashboard/common/report';
import { tokyoDay } from '../../shared/calendar';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

let graph: TestGraph;
let base: string;
beforeAll(async () => {
  graph = await startTestGraph();
  base = graph.url.replace(/\/graphql$/, '');
});
afterAll(() => graph.stop());

const KITA = 's-kita-01';
const TAKIKAN = 's-takikan-01';
const AOBA = 's-aoba-01';
const OUTREACH = 's-outreach-01';
const FUKUSHI = 's-fukushi-01';

async function ok<T>(res: Promise<{ body: { data?: T; errors?: unknown[] } }>): Promise<T> {
  const { body } = await res;
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

async function report(
  query: Record<string, string>,
  as: string | null = FUKUSHI,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const headers: Record<string, string> = {};
  if (as) headers.authorization = `Bearer ${await graph.token(as)}`;
  const res = await fetch(`${base}/audit/report?${new URLSearchParams(query).toString()}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function reportJson(person: string, from: string, to: string): Promise<ReportModel> {
  const res = await report({ person, from, to, format: 'json' });
  expect(res.status).toBe(200);
  return JSON.parse(res.bytes.toString('utf8')) as ReportModel;
}

const rowsOf = (m: ReportModel): ReportRow[] => m.months.flatMap((x) => x.rows);
const today = tokyoDay(new Date()) as string;
const dayBefore = (day: string, n = 1) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

let meetingId: string;
let windowId: string;

describe('the disclosure report of P-101 after a scripted day', () => {
  beforeAll(async () => {
    // Yesterday (Tokyo), a record about P-101 that the period must leave out.
    await graph.gateway.auditLog.append({
      at: new Date(Date.parse(`${dayBefore(today)}T12:00:00+09:00`)).toISOString(),
      requestId: 'yesterday',
      staffId: KITA,
      agencyId: 'houkatsu-kita',
      meetingId: null,
      decisions: [
        {
          personId: 'P-101',
          field: 'KAIGO',
          cls: 'GENERAL',
          subjectId: 'P-101',
          decision: 'DISCLOSED',
          basis: 'OWN_FIELD',
          consentId: null,
          code: null,
          count: 1,
        },
      ],
    });

    // 1. 地域包括 reads its own 介護 record of P-101 (and its 障害 record: no basis outside a team's consent? it is on C-8050).
    await ok(graph.query('{ person(id: "P-101") { kaigo { careLevel } } }', {}, { as: KITA }));
    // 2. 多機関協働 in the 重層的支援会議 M-J1: on P-101's consent; tax is not covered.
    await graph.query(
      '{ person(id: "P-101") { kaigo { careLevel } konkyu { taxStatus } } }',
      {},
      { as: TAKIKAN, meeting: 'M-J1' },
    );
    // 3. 福祉課 convenes a 支援会議 with P-101 on its agenda; あおば reads in it without consent.
    const scheduled = await ok<{ scheduleMeeting: { id: string } }>(
      graph.query(
        `mutation ($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
        {
          input: {
            kind: 'SHIEN_KAIGI',
            title: '臨時 支援会議（山田 ハナ）',
            scheduledAt: new Date().toISOString(),
            memberAgencyIds: ['fukushi-ka', 'soudan-aoba'],
            agenda: [{ kind: 'PERSON', id: 'P-101' }],
          },
        },
        { as: FUKUSHI },
      ),
    );
    meetingId = scheduled.scheduleMeeting.id;
    await ok(
      graph.query(
        `mutation ($id: ID!) { openMeeting(meetingId: $id, expectedVersion: 1) { id status } }`,
        { id: meetingId },
        { as: FUKUSHI },
      ),
    );
    await graph.query(
      '{ person(id: "P-101") { kaigo { careLevel } } }',
      {},
      { as: AOBA, meeting: meetingId },
    );
    // 4. アウトリーチ opens a 緊急時の閲覧 window for P-101, reads, and ends it.
    const opened = await ok<{ openEmergencyAccess: { id: string; version: number } }>(
      graph.query(
        `mutation ($input: EmergencyAccessInput!) { openEmergencyAccess(input: $input) { id version } }`,
        {
          input: {
            personId: 'P-101',
            reasonCategory: 'DANGER_TO_LIFE',
            reason: '夜間、自宅で倒れているとの通報',
          },
        },
        { as: OUTREACH },
      ),
    );
    windowId = opened.openEmergencyAccess.id;
    await graph.query(
      '{ person(id: "P-101") { kaigo { careLevel } konkyu { taxStatus } } }',
      {},
      {
        as: OUTREACH,
        headers: { 'x-emergency-access': windowId },
      },
    );
    await ok(
      graph.query(
        `mutation ($id: ID!) { closeEmergencyAccess(windowId: $id, expectedVersion: 1) { id } }`,
        { id: windowId },
        { as: OUTREACH },
      ),
    );
    // Someone else's day: P-102 must not appear in P-101's report.
    await graph.query(
      '{ person(id: "P-102") { konkyu { taxStatus } } }',
      {},
      { as: TAKIKAN, meeting: 'M-J1' },
    );
  });

  it('lists exactly the decisions made about P-101 that day, in words', async () => {
    // Every decision the audit holds about P-101 for the day, in the chain's order, and no other.
    const audit = (await graph.gateway.auditLog.byPerson('P-101')).filter((r) => r.requestId !== 'yesterday');
    const model = await reportJson('P-101', today, today);
    expect(rowsOf(model).map((r) => r.seq)).toEqual(audit.map((r) => r.seq));
    expect(model.person).toEqual({ id: 'P-101', name: '山田 ハナ' });

    const window = `生命・身体の危険：夜間、自宅で倒れているとの通報、${windowId}`;
    const consent = '本人の同意（同意ID P-101#1、2026年4月10日）';
    const identity = ['本人確認情報（氏名・生年月日等）', 'DISCLOSED', '住民基本台帳（本人確認情報）'];
    const expected = [
      // 1. own field
      ['北村 さやか（s-kita-01）', ...identity],
      ['北村 さやか（s-kita-01）', '介護の記録', 'DISCLOSED', '自らの分野'],
      // 2. 重層的支援会議 M-J1, on consent; tax withheld
      ['滝川 亮（s-takikan-01）', ...identity],
      [
        '滝川 亮（s-takikan-01）',
        '介護の記録',
        'DISCLOSED',
        `重層的支援会議（第8回 重層的支援会議、M-J1）・${consent}`,
      ],
      [
        '滝川 亮（s-takikan-01）',
        '困窮の記録',
        'DISCLOSED',
        `重層的支援会議（第8回 重層的支援会議、M-J1）・${consent}`,
      ],
      [
        '滝川 亮（s-takikan-01）',
        '困窮の記録（税情報）',
        'WITHHELD',
        '非開示の理由：税情報は同意なしに共有できません',
      ],
      // 3. 支援会議 convened for P-101, without consent
      ['青葉 大輔（s-aoba-01）', ...identity],
      [
        '青葉 大輔（s-aoba-01）',
        '介護の記録',
        'DISCLOSED',
        `支援会議（社会福祉法106条の6、臨時 支援会議（山田 ハナ）、${meetingId}）`,
      ],
      // 4. 緊急時の閲覧: opened, read (tax still withheld), closed
      expect.arrayContaining(['大谷 里美（s-outreach-01）', '緊急時の閲覧の記録', 'DISCLOSED']),
      ['大谷 里美（s-outreach-01）', ...identity],
      ['大谷 里美（s-outreach-01）', '介護の記録', 'DISCLOSED', `緊急時の閲覧（${window}）`],
      ['大谷 里美（s-outreach-01）', '困窮の記録', 'DISCLOSED', `緊急時の閲覧（${window}）`],
      [
        '大谷 里美（s-outreach-01）',
        '困窮の記録（税情報）',
        'WITHHELD',
        '非開示の理由：税情報は同意なしに共有できません',
      ],
      [
        '大谷 里美（s-outreach-01）',
        '緊急時の閲覧の記録',
        'DISCLOSED',
        `緊急時の閲覧の記録の確認（${windowId}）`,
      ],
      ['大谷 里美（s-outreach-01）', '緊急時の閲覧の記録', 'DISCLOSED', `緊急時の閲覧の終了（${windowId}）`],
    ];
    // Within one request the log keeps decisions grouped, not in the order they were made.
    const byRequest = (rows: ReportRow[]) => rows.map((r) => [r.staff, r.item, r.outcome, r.basis]);
    const got = byRequest(rowsOf(model));
    expect(got).toHaveLength(expected.length);
    expect(got).toEqual(expect.arrayContaining(expected.filter(Array.isArray)));
    const opening = rowsOf(model).find((r) => r.basis.startsWith('緊急時の閲覧の開始'));
    expect(opening?.basis).toMatch(new RegExp(`^緊急時の閲覧の開始（${window}、\\d{2}:\\d{2}まで）$`));

    expect(model.totals).toMatchObject({ decisions: 15, disclosed: 13, withheld: 2 });
    expect(model.totals.byBasis).toEqual(
      expect.arrayContaining([
        { label: '住民基本台帳（本人確認情報）', count: 4 },
        { label: '自らの分野', count: 1 },
        { label: '重層的支援会議（本人の同意）', count: 2 },
        { label: '支援会議（法106条の6）', count: 1 },
        { label: '緊急時の閲覧', count: 2 },
        { label: '緊急時の閲覧の記録', count: 3 },
      ]),
    );
    expect(model.totals.byReason).toEqual([{ label: '税情報は同意なしに共有できません', count: 2 }]);
    expect(model.months.map((m) => m.month)).toEqual([today.slice(0, 7)]);
    expect(model.chain.ok).toBe(true);
    expect(model.chain.text).toMatch(/^監査ログの連鎖を検証しました/);
  });

  it('leaves out the days outside the period, and groups by month', async () => {
    const yesterday = await reportJson('P-101', dayBefore(today), dayBefore(today));
    expect(rowsOf(yesterday).map((r) => [r.staff, r.basis])).toEqual([
      ['北村 さやか（s-kita-01）', '自らの分野'],
    ]);
    const both = await reportJson('P-101', dayBefore(today, 40), today);
    expect(both.months.length).toBe(today.slice(0, 7) === dayBefore(today).slice(0, 7) ? 1 : 2);
    expect(both.totals.decisions).toBe(rowsOf(both).length);
    const none = await reportJson('P-101', dayBefore(today, 400), dayBefore(today, 300));
    expect(none.months).toEqual([]);
  });

  it('is audited: each read of the report is a decision in the next one', async () => {
    const before = await graph.gateway.auditLog.byPerson('P-101');
    await reportJson('P-101', today, today);
    const after = await graph.gateway.auditLog.byPerson('P-101');
    expect(after.slice(before.length)).toEqual([
      expect.objectContaining({
        staffId: FUKUSHI,
        field: 'AUDIT',
        decision: 'DISCLOSED',
        basis: 'DISCLOSURE_REPORT',
      }),
    ]);
    const model = await reportJson('P-101', today, today);
    expect(
      rowsOf(model)
        .filter((r) => r.item === '開示の記録（監査ログ）')
        .map((r) => r.basis),
    ).toEqual([
      '福祉課による本人開示の報告書の作成',
      '福祉課による本人開示の報告書の作成',
      '福祉課による本人開示の報告書の作成',
      '福祉課による本人開示の報告書の作成',
      '福祉課による本人開示の報告書の作成',
    ]);
  });

  it('prints as an HTML document under the dashboard’s CSP', async () => {
    const res = await report({ person: 'P-101', from: today, to: today, format: 'html' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = res.bytes.toString('utf8');
    expect(html).toContain('<h1>個人情報の開示・非開示の記録（本人開示）</h1>');
    expect(html).toContain('山田 ハナ（宛名番号 P-101）');
    expect(html).toContain('監査ログの連鎖を検証しました');
    expect(html).not.toMatch(/<script|style=/i);
  });

  it('is CSV in UTF-8 with a BOM, and in CP932 on request', async () => {
    const utf8 = await report({ person: 'P-101', from: today, to: today, format: 'csv' });
    expect(utf8.status).toBe(200);
    expect(utf8.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(utf8.headers.get('content-disposition')).toMatch(/^attachment; filename="disclosure-P-101-/);
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8.bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '日付,時刻,機関,職員,項目,開示・非開示,根拠・理由,回数,会議ID,緊急時の閲覧ID,同意ID,コード,記録番号',
    );
    expect(text).toContain(`緊急時の閲覧（生命・身体の危険：夜間、自宅で倒れているとの通報、${windowId}）`);
    expect(text).toContain('支援会議（社会福祉法106条の6');

    const sjis = await report({ person: 'P-101', from: today, to: today, format: 'csv', encoding: 'cp932' });
    expect(sjis.status).toBe(200);
    expect(sjis.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    expect([...sjis.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const decoded = iconv.decode(sjis.bytes, 'cp932');
    // The same table, apart from the rows the reads in between added (each read is audited).
    expect(decoded.split('\r\n')[0]).toBe(lines[0]);
    expect(decoded).toContain('山田');
    expect(decoded).toContain(
      `緊急時の閲覧（生命・身体の危険：夜間、自宅で倒れているとの通報、${windowId}）`,
    );
    expect(decoded).not.toContain('\ufffd');
  });

  it('refuses like GET /audit: 401 without a token, 403 for anyone but 福祉課, 400 for bad input', async () => {
    const q = { person: 'P-101', from: today, to: today };
    expect((await report(q, null)).status).toBe(401);
    expect((await report(q, TAKIKAN)).status).toBe(403);
    expect((await report(q, KITA)).status).toBe(403);
    for (const wrong of [
      { ...q, person: '{"$ne":1}' },
      { ...q, from: '2026-02-30' },
      { ...q, from: today, to: dayBefore(today) },
      { ...q, format: 'pdf' },
      { ...q, format: 'csv', encoding: 'latin1' },
    ])
      expect((await report(wrong)).status).toBe(400);
  });

  it('reads its names through a juso query that is neither public nor open to anyone but 福祉課', async () => {
    const query = '{ _disclosureReportFacts(personId: "P-101", meetingIds: []) { name } }';
    const publicGraph = await graph.query(query, {}, { as: FUKUSHI });
    expect(publicGraph.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const signer = await CredentialSigner.fromEnv({});
    const direct = async (staffId: string, agency: CredentialSubject['agency'], meetingId: string | null) => {
      const body = JSON.stringify({ query });
      const subject = { staffId, agency, meetingId, requestId: 'report-test' };
      const res = await fetch(graph.services.juso.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CREDENTIAL_HEADER]: await signer.sign('juso', subject, body),
        },
        body,
      });
      return (await res.json()) as {
        data?: { _disclosureReportFacts: { name: string } } | null;
        errors?: unknown[];
      };
    };
    const fukushi = { id: 'fukushi-ka', role: 'COORDINATOR', field: null } as const;
    expect((await direct(FUKUSHI, fukushi, null)).data?._disclosureReportFacts.name).toBe('山田 ハナ');
    for (const [staffId, agency, meeting] of [
      [TAKIKAN, { id: 'takikan-shakyo', role: 'TAKIKAN', field: null }, null],
      [KITA, { id: 'houkatsu-kita', role: 'FIELD', field: 'KAIGO' }, null],
      [FUKUSHI, fukushi, 'M-J1'],
    ] as const) {
      const refused = await direct(staffId, agency, meeting);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors).toHaveLength(1);
    }
  });

  it('says so when the chain does not verify', async () => {
    const log = graph.gateway.auditLog.collection();
    const [first] = await log.find({}, { sort: { seq: 1 }, limit: 1 });
    await log.updateOne({ _id: first!._id }, { $set: { staff: 's-someone-else' } });
    const model = await reportJson('P-101', today, today);
    expect(model.chain.ok).toBe(false);
    expect(model.chain.text).toMatch(/^監査ログの連鎖を検証できませんでした：記録番号 1 で不整合/);
  });
});
