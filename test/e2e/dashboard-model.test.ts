/**
 * What the dashboard's cells say, without a browser: a reason in Japanese for every
 * withheld code, and the three states (value, 記録なし, 非開示) never confused.
 */
import { WITHHELD_CODES } from '../../shared/access/errors';
import type { GraphQLErrorBody, Member } from '../../dashboard/client/api';
import { ErrorIndex } from '../../dashboard/client/api';
import { reasonFor, searchText, WITHHELD_REASONS } from '../../dashboard/common/labels';
import { consentCell, fieldCell } from '../../dashboard/client/model';

const MEMBER: Member = {
  id: 'P-201',
  name: '佐藤 美咲',
  nameKana: 'サトウ ミサキ',
  birthDate: '1987-04-11',
  address: 'さくら町南1-7-3',
  consent: null,
  kaigo: null,
  shogai: null,
  kodomo: null,
  konkyu: {
    consultations: [{ date: '2026-07-10', topics: ['家計'] }],
    supportPlan: null,
    housingBenefit: null,
    employmentPreparation: null,
    householdBudgetSupport: null,
    taxStatus: null,
  },
};
const PATH = ['household', 'members', 0];
const at = (field: string, code: string, ...rest: string[]): GraphQLErrorBody => ({
  message: 'Withheld',
  path: [...PATH, field, ...rest],
  extensions: { code },
});

describe('reasons', () => {
  it.each(WITHHELD_CODES)('%s has a sentence of its own', (code) => {
    expect(reasonFor(code)).toBe(WITHHELD_REASONS[code]);
    expect(reasonFor(code)).not.toMatch(/取得できませんでした|[A-Z_]{4,}/);
  });

  it('says the issue’s three in its words', () => {
    expect(reasonFor('CONSENT_REQUIRED')).toBe('本人の同意がありません');
    expect(reasonFor('NOT_MEETING_MEMBER')).toBe('会議の構成員ではありません');
    expect(reasonFor('TAX_CONSENT_REQUIRED')).toBe('税情報は同意なしに共有できません');
  });

  it('still says something for a code it does not know', () => {
    expect(reasonFor('SOMETHING_NEW')).toBe('取得できませんでした（SOMETHING_NEW）');
  });
});

describe('cells', () => {
  it('a field withheld as a whole is 非開示 with its reason', () => {
    const cell = fieldCell(MEMBER, 'SHOGAI', new ErrorIndex([at('shogai', 'CONSENT_REQUIRED')]), PATH);
    expect(cell).toEqual({ kind: 'withheld', code: 'CONSENT_REQUIRED', reason: '本人の同意がありません' });
  });

  it('a field that is null without an error is 記録なし', () => {
    expect(fieldCell(MEMBER, 'KAIGO', new ErrorIndex([]), PATH)).toEqual({
      kind: 'absent',
      text: '記録なし',
    });
  });

  it('a withheld sub-field is 非開示 inside the record, beside what is shown', () => {
    const cell = fieldCell(
      MEMBER,
      'KONKYU',
      new ErrorIndex([at('konkyu', 'TAX_CONSENT_REQUIRED', 'taxStatus')]),
      PATH,
    );
    if (cell.kind !== 'record') throw new Error(`expected a record, got ${cell.kind}`);
    expect(cell.facts.find((f) => f.label === '課税状況')?.value).toEqual({
      kind: 'withheld',
      code: 'TAX_CONSENT_REQUIRED',
      reason: '税情報は同意なしに共有できません',
    });
    expect(cell.facts.find((f) => f.label === '直近の相談')?.value).toEqual({
      kind: 'value',
      lines: ['2026年7月10日 家計'],
    });
  });

  it('a withheld sub-field the page has no label for is still listed, never dropped', () => {
    const errors = new ErrorIndex([at('konkyu', 'FORBIDDEN', 'housingBenefit')]);
    const cell = fieldCell(MEMBER, 'KONKYU', errors, PATH);
    if (cell.kind !== 'record') throw new Error(`expected a record, got ${cell.kind}`);
    expect(cell.facts.at(-1)).toEqual({
      label: 'housingBenefit',
      value: { kind: 'withheld', code: 'FORBIDDEN', reason: reasonFor('FORBIDDEN') },
    });
    expect(errors.unshown()).toEqual([]);
  });

  it('errors no cell looked at are kept for the page to list', () => {
    const stray: GraphQLErrorBody = {
      message: 'x',
      path: ['household', 'cases'],
      extensions: { code: 'FORBIDDEN' },
    };
    const errors = new ErrorIndex([stray, { message: 'no path' }]);
    fieldCell(MEMBER, 'KAIGO', errors, PATH);
    expect(errors.unshown()).toEqual([{ message: 'no path' }, stray]);
  });

  it('consent never asked is 記録なし; withheld consent is 非開示', () => {
    expect(consentCell(MEMBER, new ErrorIndex([]), PATH)).toEqual({
      kind: 'absent',
      text: '記録なし（同意を確認していません）',
    });
    expect(consentCell(MEMBER, new ErrorIndex([at('consent', 'NOT_ON_TEAM')]), PATH)).toMatchObject({
      kind: 'withheld',
      code: 'NOT_ON_TEAM',
    });
  });

  it('a consent that was given but is no longer active says 期限切れ', () => {
    const member: Member = {
      ...MEMBER,
      consent: {
        status: 'GRANTED',
        active: false,
        fields: ['KAIGO'],
        coversTax: false,
        givenBy: 'SELF',
        expiresAt: '2025-03-31T23:59:59.000Z',
        withdrawnAt: null,
      },
    };
    const cell = consentCell(member, new ErrorIndex([]), PATH);
    expect(cell).toMatchObject({ kind: 'value' });
    expect(cell.kind === 'value' && cell.lines).toEqual([
      '同意する（期限切れ）',
      '対象: 介護',
      '税情報: 含まない',
      '同意者: 本人',
      '期限 2025年3月31日',
    ]);
  });
});

describe('search text', () => {
  it('turns a hiragana reading into the katakana the registry keeps', () => {
    expect(searchText(' さとう　みさき ')).toBe('サトウ ミサキ');
    expect(searchText('佐藤')).toBe('佐藤');
    expect(searchText('H-DOUBLE')).toBe('H-DOUBLE');
  });
});
