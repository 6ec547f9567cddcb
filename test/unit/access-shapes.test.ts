/**
 * The shapes both sides share: a decision as audited (shared/access/audit.ts) and the
 * @sensitive directive (shared/schema/sensitivity.ts). One reading each, for the gateway
 * and the subgraphs alike.
 */
import { Kind, parse } from 'graphql';
import type { ObjectTypeDefinitionNode } from 'graphql';
import { auditOutcome, readReportedDecision } from '../../shared/access/audit';
import { sensitivityOf } from '../../shared/schema/sensitivity';

describe('auditOutcome: what the audit says of a decision', () => {
  it('a disclosure carries its basis and consent, no code', () => {
    expect(auditOutcome({ effect: 'ALLOW', basis: 'CONSENT', consentId: 'P-1#2' })).toEqual({
      decision: 'DISCLOSED',
      basis: 'CONSENT',
      consentId: 'P-1#2',
      code: null,
    });
    expect(auditOutcome({ effect: 'ALLOW', basis: 'CASE_TEAM' })).toEqual({
      decision: 'DISCLOSED',
      basis: 'CASE_TEAM',
      consentId: null,
      code: null,
    });
  });

  it('a denial and an unavailable check are withheld with their code', () => {
    expect(auditOutcome({ effect: 'DENY', code: 'NOT_ON_AGENDA' })).toEqual({
      decision: 'WITHHELD',
      basis: null,
      consentId: null,
      code: 'NOT_ON_AGENDA',
    });
    expect(auditOutcome({ effect: 'UNAVAILABLE', code: 'ACCESS_CHECK_UNAVAILABLE' }).code).toBe(
      'ACCESS_CHECK_UNAVAILABLE',
    );
  });
});

describe('readReportedDecision: the 重層 subgraph’s decisions, checked for shape', () => {
  it('takes a reported decision, never a consent id from the subgraph', () => {
    expect(
      readReportedDecision({
        personId: 'P-1',
        field: 'CASE',
        cls: 'GENERAL',
        subjectId: 'C-1',
        decision: 'DISCLOSED',
        basis: 'CASE_TEAM',
        code: null,
        consentId: 'forged',
      }),
    ).toEqual({
      personId: 'P-1',
      field: 'CASE',
      cls: 'GENERAL',
      subjectId: 'C-1',
      decision: 'DISCLOSED',
      basis: 'CASE_TEAM',
      consentId: null,
      code: null,
    });
  });

  it.each([null, 'DISCLOSED', 7, {}, { decision: 'ALLOW' }])('drops %p', (value) => {
    expect(readReportedDecision(value)).toBeNull();
  });
});

describe('sensitivityOf: one reading of @sensitive', () => {
  const fields = (sdl: string) => (parse(sdl).definitions[0] as ObjectTypeDefinitionNode).fields ?? [];

  it('reads the class, or null when a field is unmarked', () => {
    const [tax, plain] = fields('type R { tax: String @sensitive(class: TAX) plain: String }');
    expect(tax?.kind).toBe(Kind.FIELD_DEFINITION);
    expect(sensitivityOf(tax?.directives, 'R.tax')).toBe('TAX');
    expect(sensitivityOf(plain?.directives, 'R.plain')).toBeNull();
  });

  it.each(['@sensitive(class: TAXES)', '@sensitive', '@sensitive(class: "TAX")'])(
    'refuses %s: a typo must not unmark a field',
    (directive) => {
      const [field] = fields(`type R { x: String ${directive} }`);
      expect(() => sensitivityOf(field?.directives, 'R.x')).toThrow('R.x: bad @sensitive class');
    },
  );
});
