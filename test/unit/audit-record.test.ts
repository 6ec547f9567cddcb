/** The compact record: lossless, folds only identical decisions, small. */
import type { AuditDecision } from '../../gateway/audit/record';
import {
  chainRecord,
  computeHash,
  decodeDecisions,
  encodeDecisions,
  GENESIS,
} from '../../gateway/audit/record';
import type { GatewayContext } from '../../gateway/context';
import { recordDecision } from '../../gateway/audit/decisions';
import { auditDraft } from '../../gateway/context';

const d = (over: Partial<AuditDecision>): AuditDecision => ({
  personId: 'P-1',
  field: 'KAIGO',
  cls: 'GENERAL',
  subjectId: null,
  decision: 'DISCLOSED',
  basis: 'CONSENT',
  consentId: 'P-1#1',
  code: null,
  count: 1,
  ...over,
});

/** What the benchmark's household dashboard (five members, four fields, a case with two plans) decides. */
function householdDecisions(): AuditDecision[] {
  const out: AuditDecision[] = [];
  for (let i = 1; i <= 5; i++) {
    const p = `P-90000${i}`;
    const consent = `${p}#1`;
    out.push(
      d({ personId: p, field: 'IDENTITY', subjectId: p, basis: 'RESIDENT_REGISTRY', consentId: null }),
    );
    out.push(
      d({
        personId: p,
        field: 'IDENTITY',
        cls: 'ADDRESS',
        subjectId: p,
        basis: 'RESIDENT_REGISTRY',
        consentId: null,
      }),
    );
    out.push(d({ personId: p, field: 'CONSENT', subjectId: p, basis: 'MEETING_AGENDA', consentId: null }));
    out.push(
      d({ personId: p, field: 'CASE', subjectId: 'C-BENCH-0001', basis: 'MEETING_AGENDA', consentId: null }),
    );
    for (const plan of ['PL-BENCH-0001', 'PL-BENCH-0002'])
      out.push(d({ personId: p, field: 'PLAN', subjectId: plan, basis: 'MEETING_AGENDA', consentId: null }));
    for (const field of ['KAIGO', 'SHOGAI', 'KODOMO', 'KONKYU'])
      out.push(d({ personId: p, field, basis: 'SOCIAL_WELFARE_ACT_106_6', consentId: null }));
    out.push(
      d({
        personId: p,
        field: 'KODOMO',
        cls: 'CHILD_PROTECTION',
        basis: 'SOCIAL_WELFARE_ACT_106_6',
        consentId: null,
      }),
    );
    out.push(d({ personId: p, field: 'KONKYU', cls: 'TAX', basis: 'CONSENT', consentId: consent }));
  }
  return out;
}

describe('audit record encoding', () => {
  it('round-trips every decision, with subjects and consents per person', () => {
    const decisions = [
      ...householdDecisions(),
      d({ personId: null, field: 'MEETING', subjectId: 'M-J1', basis: 'MEETING_MEMBER', consentId: null }),
      d({ personId: 'P-2', decision: 'WITHHELD', basis: null, consentId: null, code: 'CONSENT_REQUIRED' }),
      d({ personId: 'P-2', consentId: 'P-2#7' }),
      d({ personId: 'P-2', field: 'SHOGAI', consentId: 'P-2#6' }), // another consent of the same person
    ];
    const encoded = encodeDecisions(decisions);
    expect(decodeDecisions(encoded)).toEqual(expect.arrayContaining(decisions));
    expect(decodeDecisions(encoded)).toHaveLength(decisions.length);
    expect(encoded.persons).toContain('P-2');
  });

  it('encodes a request as the log always has: records already stored keep verifying', () => {
    // Folded apart (the 1st, 2nd and last), a second consent of P-2, a withheld one, one about nobody.
    const decisions = [
      d({}),
      d({ count: 2 }),
      d({ personId: 'P-2', subjectId: 'P-2', consentId: 'P-2#3' }),
      d({
        personId: 'P-2',
        field: 'SHOGAI',
        decision: 'WITHHELD',
        basis: null,
        consentId: null,
        code: 'CONSENT_REQUIRED',
      }),
      d({ personId: null, field: 'MEETING', subjectId: 'M-J1', basis: 'MEETING_MEMBER', consentId: null }),
      d({ personId: 'P-2', field: 'KONKYU', consentId: 'P-2#2' }),
      d({}),
    ];
    const record = chainRecord(
      {
        at: '2026-12-04T00:00:00.000Z',
        requestId: 'req-pin',
        staffId: 's-takikan-01',
        agencyId: 'takikan-shakyo',
        meetingId: 'M-J1',
        decisions,
      },
      7,
      GENESIS,
    );
    expect(record.persons).toEqual(['P-1', 'P-2']);
    expect(record.consents).toEqual(['P-1#1', 'P-2#3']);
    expect(record.d).toEqual([
      ['KAIGO', 'GENERAL', 'D', 'CONSENT', null, null, 0, [[0, 4]]],
      ['KAIGO', 'GENERAL', 'D', 'CONSENT', null, 0, 0, [1]],
      ['SHOGAI', 'GENERAL', 'W', null, 'CONSENT_REQUIRED', null, null, [1]],
      ['MEETING', 'GENERAL', 'D', 'MEETING_MEMBER', null, 'M-J1', null, [-1]],
      ['KONKYU', 'GENERAL', 'D', 'CONSENT', null, null, 'P-2#2', [1]],
    ]);
    // The hash the encoding before 2026-12-04 gave this request.
    expect(record.hash).toBe('dde45b06d6ab6ff6bd40457043a35f764d2c7705b7ff8d60ddf932172a4aeed5');
  });

  it('a household dashboard query is one record of at most 2 KB', () => {
    const decisions = householdDecisions();
    expect(decisions.length).toBeGreaterThanOrEqual(56);
    const record = chainRecord(
      {
        at: '2026-11-22T10:00:00.000Z',
        requestId: '3f1c7a52-8d7e-4b8e-9a51-0c2f3e1d9b7a',
        staffId: 's-takikan-01',
        agencyId: 'takikan-shakyo',
        meetingId: 'M-BENCH',
        decisions,
      },
      123_456,
      GENESIS,
    );
    const bytes = Buffer.byteLength(JSON.stringify(record));
    console.log(`audit record of a household query: ${decisions.length} decisions, ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(2048);
    expect(computeHash(record)).toBe(record.hash);
  });

  it('the request keeps every decision: identical ones counted, differing ones all kept', () => {
    const ctx = {
      requestId: 'r',
      principal: { staffId: 's-aoba-01', agency: { id: 'soudan-aoba' } },
      meetingId: null,
      now: new Date('2026-11-22T10:00:00.000Z'),
      decisions: new Map(),
    } as unknown as GatewayContext;
    const withheld = {
      ...d({ field: 'CONSENT', subjectId: 'P-1', consentId: null }),
      decision: 'WITHHELD' as const,
      basis: null,
      code: 'NOT_ON_TEAM',
    };
    const disclosed = d({ field: 'CONSENT', subjectId: 'P-1', basis: 'CASE_TEAM', consentId: null });
    const { count: _c1, ...w } = withheld;
    const { count: _c2, ...x } = disclosed;
    recordDecision(ctx, w);
    recordDecision(ctx, x);
    recordDecision(ctx, x);
    const draft = auditDraft(ctx);
    expect(draft.decisions.map((e) => [e.decision, e.count])).toEqual([
      ['WITHHELD', 1],
      ['DISCLOSED', 2],
    ]);
  });
});

describe('decision keys', () => {
  it('tell apart decisions whose values look like the key encoding, and fold only equal ones', () => {
    const look = [
      d({ personId: 'ab', field: 'c' }),
      d({ personId: 'a', field: 'bc' }),
      d({ personId: '1:a', field: 'b' }),
      d({ personId: null }),
      d({ personId: '1', field: 'a1:b' }),
      d({ personId: null, field: '~KAIGO' }),
      d({ personId: '~', field: 'KAIGO' }),
      d({ personId: '#', subjectId: '#' }),
      d({ personId: '#', subjectId: null }),
      d({ basis: null, consentId: 'CONSENT' }),
      d({ basis: 'CONSENT', consentId: null }),
    ];
    // Each folds with its own copy only: as many decisions as there are distinct ones, each counted 3 times.
    const decoded = decodeDecisions(encodeDecisions([...look, ...look.map((x) => ({ ...x, count: 2 }))]));
    expect(decoded).toHaveLength(look.length);
    expect(decoded.every((x) => x.count === 3)).toBe(true);
    expect(decoded.map(({ count: _c, ...x }) => x)).toEqual(
      expect.arrayContaining(look.map(({ count: _c, ...x }) => x)),
    );
    const ctx = { decisions: new Map() } as unknown as GatewayContext;
    for (const x of [...look, ...look]) recordDecision(ctx, x);
    expect(ctx.decisions.size).toBe(look.length);
    expect([...ctx.decisions.values()].every((x) => x.count === 2)).toBe(true);
  });
});
