/**
 * Dates of consent and meetings are calendar days in Japan time (DOMAIN.md; issue 12,
 * found on the way): a consent valid "until 2026-03-31" holds through 2026-03-31
 * 23:59:59 JST and has expired at 2026-04-01 00:00 JST, wherever the server runs.
 */
import type { ConsentFacts } from '../../shared/access/facts';
import { isActiveConsent } from '../../shared/access/facts';
import { isPastTokyoDay, tokyoDay } from '../../shared/calendar';
import type { ConsentDoc } from '../../subgraphs/juso/model';
import { CONSENT_UNTIL, SCENARIO_CONSENTS } from '../../subgraphs/juso/seed';
import { checkExpiry } from '../../subgraphs/juso/workflow/consent/rules';
import { townToday } from '../../subgraphs/juso/workflow/plan/queries';

describe('tokyoDay: the calendar day in Asia/Tokyo (UTC+09:00, no DST)', () => {
  it.each([
    ['2026-03-30T23:59:59.999Z', '2026-03-31'],
    ['2026-03-31T08:59:00.000Z', '2026-03-31'], // 17:59 JST
    ['2026-03-31T14:59:59.000Z', '2026-03-31'], // 23:59:59 JST
    ['2026-03-31T14:59:59.999Z', '2026-03-31'],
    ['2026-03-31T15:00:00.000Z', '2026-04-01'], // 00:00 JST
    ['2026-03-31T23:59:59.000Z', '2026-04-01'], // the old seed's "end of day": 08:59 JST the next day
    ['2026-03-31T23:59:59+09:00', '2026-03-31'],
    ['2026-04-01T00:00:00+09:00', '2026-04-01'],
    ['2026-12-31T15:00:00Z', '2027-01-01'], // across a year
    ['2028-02-28T15:00:00Z', '2028-02-29'], // a leap day
    ['2026-03-31', '2026-03-31'], // a bare date is already a day in the town
  ])('%s is %s', (at, day) => {
    expect(tokyoDay(at)).toBe(day);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(at)) expect(tokyoDay(new Date(at))).toBe(day);
  });

  it('agrees with Intl for Asia/Tokyo across a year, hour by hour', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' });
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3600_000 - 1) {
      expect(tokyoDay(new Date(t))).toBe(intl.format(new Date(t)));
    }
  });

  it('is null for what is not a date', () => {
    for (const bad of ['', 'tomorrow', '2026-02-30', '2026-13-01', '31/03/2026'])
      expect(tokyoDay(bad)).toBeNull();
    expect(tokyoDay(new Date(Number.NaN))).toBeNull();
  });
});

describe('a date "until": it holds through the whole of its Tokyo day', () => {
  const UNTIL = '2026-03-31T14:59:59.000Z'; // 2026-03-31 23:59:59 JST
  it.each([
    ['2026-03-31T08:59:00.000Z', false],
    ['2026-03-31T14:59:59.000Z', false],
    ['2026-03-31T14:59:59.999Z', false],
    ['2026-03-31T15:00:00.000Z', true],
    ['2026-04-01T08:59:00.000Z', true],
  ])('at %s past: %s', (now, past) => {
    expect(isPastTokyoDay(UNTIL, new Date(now))).toBe(past);
    expect(isPastTokyoDay('2026-03-31', new Date(now))).toBe(past);
    expect(isPastTokyoDay('2026-03-31T23:59:59+09:00', new Date(now))).toBe(past);
    expect(isPastTokyoDay('2026-03-31T00:00:00+09:00', new Date(now))).toBe(past);
  });

  it('what is not a date has passed: fail closed', () => {
    expect(isPastTokyoDay('someday', new Date('2026-01-01T00:00:00Z'))).toBe(true);
  });
});

describe('consent "until 2026-03-31", everywhere it is compared', () => {
  const until = '2026-03-31T14:59:59.000Z';
  const facts: ConsentFacts = {
    id: 'P-1#1',
    status: 'GRANTED',
    fields: ['KAIGO'],
    coversTax: false,
    expiresAt: until,
    withdrawnAt: null,
  };
  const doc = { status: 'GRANTED', expiresAt: until, withdrawnAt: null } as ConsentDoc;
  it.each([
    ['2026-03-31T08:59:00.000Z', true],
    ['2026-03-31T14:59:59.000Z', true],
    ['2026-03-31T14:59:59.500Z', true],
    ['2026-03-31T15:00:00.000Z', false],
  ])('at %s active: %s (gateway, 重層 subgraph, workflow)', (now, active) => {
    const at = new Date(now);
    expect(isActiveConsent(facts, at)).toBe(active);
    expect(isActiveConsent(doc, at)).toBe(active);
    // Recording it is refused once it has passed, and only then.
    expect(checkExpiry(until, at) === null).toBe(active);
  });

  it('an expiry of today may be recorded: it holds until midnight JST', () => {
    expect(checkExpiry('2026-03-31T09:00:00+09:00', new Date('2026-03-31T10:00:00+09:00'))).toBeNull();
    expect(checkExpiry('2026-03-30T23:59:59+09:00', new Date('2026-03-31T00:00:00+09:00'))).not.toBeNull();
  });

  it('the town’s today (overdue monitoring) is the Tokyo day', () => {
    expect(townToday(new Date('2026-03-31T14:59:59.999Z'))).toBe('2026-03-31');
    expect(townToday(new Date('2026-03-31T15:00:00.000Z'))).toBe('2026-04-01');
  });
});

describe('the seed', () => {
  it('says "until 2027-03-31" as its last second in Japan time, not 08:59 JST on 1 April', () => {
    expect(tokyoDay(CONSENT_UNTIL)).toBe('2027-03-31');
    expect(new Date(CONSENT_UNTIL).getTime()).toBe(Date.parse('2027-03-31T23:59:59+09:00'));
    const expiries = SCENARIO_CONSENTS.map((c) => c.expiresAt).filter((e): e is string => e !== null);
    expect(expiries.length).toBeGreaterThan(0);
    for (const e of expiries) expect(tokyoDay(e)).toBe('2027-03-31');
    const p101 = SCENARIO_CONSENTS.find((c) => c.personId === 'P-101') as ConsentDoc;
    expect(isActiveConsent(p101, new Date('2027-03-31T23:59:59+09:00'))).toBe(true);
    expect(isActiveConsent(p101, new Date('2027-04-01T00:00:00+09:00'))).toBe(false);
    expect(isActiveConsent(p101, new Date('2027-04-01T08:00:00+09:00'))).toBe(false);
  });
});
