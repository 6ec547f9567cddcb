/**
 * From a GraphQL answer to what each cell says, without the DOM. Three states, never
 * confused: a value; 記録なし (null, and no error: nothing recorded); 非開示 (null with an
 * error at that path: withheld, with the reason from its code). Any withheld sub-field
 * nobody asked for by name is still listed, so a withheld value can never look empty.
 */
import type { ErrorIndex, KaigoRecord, KodomoRecord, KonkyuRecord, Member, ShogaiRecord } from './api';
import type { WelfareField } from '../common/labels';
import {
  CARE_LEVEL_LABELS,
  CONSENT_GIVER_LABELS,
  CONSENT_STATUS_LABELS,
  FIELD_LABELS,
  formatDate,
  label,
  reasonFor,
  TAX_STATUS_LABELS,
} from '../common/labels';

export type Path = (string | number)[];

export type Shown =
  | { kind: 'value'; lines: string[] }
  | { kind: 'absent'; text: string }
  | { kind: 'withheld'; code: string; reason: string };

export interface Fact {
  label: string;
  value: Shown;
}

export type Cell = Shown | { kind: 'record'; facts: Fact[] };

export const ABSENT_TEXT = '記録なし';

export const withheld = (code: string): Shown => ({ kind: 'withheld', code, reason: reasonFor(code) });
const absent = (text = ABSENT_TEXT): Shown => ({ kind: 'absent', text });
const value = (...lines: string[]): Shown => ({ kind: 'value', lines: lines.filter(Boolean) });

/**
 * The state of a value at `path`: withheld if an error sits there, absent if null,
 * otherwise what `present` makes of it.
 */
export function shown<T>(
  errors: ErrorIndex,
  path: Path,
  v: T | null | undefined,
  present: (v: T) => Shown,
  absentText?: string,
): Shown {
  const code = errors.codeAt(path);
  if (code) return withheld(code);
  if (v === null || v === undefined) return absent(absentText);
  return present(v);
}

const period = (from: string, until: string) => `${formatDate(from)}〜${formatDate(until)}`;

/** Facts worth seeing at a glance in a meeting, per field. */
const FACTS: {
  [F in WelfareField]: (r: RecordOf<F>, errors: ErrorIndex, path: Path) => Fact[];
} = {
  KAIGO: (r, errors, path) => [
    {
      label: '要介護度',
      value: shown(errors, [...path, 'careLevel'], r.careLevel, (level) =>
        value(
          r.certification?.label ?? label(CARE_LEVEL_LABELS, level),
          r.certification
            ? `認定有効期間 ${period(r.certification.validFrom, r.certification.validUntil)}`
            : '',
        ),
      ),
    },
    {
      label: 'ケアマネジャー',
      value: shown(errors, [...path, 'careManager'], r.careManager, (m) => value(`${m.name}（${m.office}）`)),
    },
    { label: '担当センター', value: value(r.responsibleCentre) },
    latestConsultation(r.consultations.map((c) => ({ date: c.date, text: c.kind }))),
    ...(r.abuseConcern ? [{ label: '虐待の疑い', value: value('対応中') }] : []),
  ],
  SHOGAI: (r, errors, path) => [
    {
      label: '障害者手帳',
      value: r.certificates.length
        ? value(...r.certificates.map((c) => `${c.kindLabel} ${c.grade}`))
        : absent('なし'),
    },
    {
      label: '障害支援区分',
      value: shown(
        errors,
        [...path, 'supportCategory'],
        r.supportCategory,
        (n) => value(`区分${n}`),
        '未認定',
      ),
    },
    ...(r.recipientCertificate
      ? [
          {
            label: '受給者証',
            value: value(
              r.recipientCertificate.services.join('・'),
              `有効期限 ${formatDate(r.recipientCertificate.validUntil)}`,
            ),
          },
        ]
      : []),
    ...(r.servicePlan?.nextMonitoringOn
      ? [{ label: '次回モニタリング', value: value(formatDate(r.servicePlan.nextMonitoringOn)) }]
      : []),
    { label: '相談支援事業所', value: value(r.consultationOffice) },
  ],
  KODOMO: (r, errors, path) => [
    latestConsultation(r.consultations.map((c) => ({ date: c.date, text: c.kind }))),
    ...r.supportPlans.map((p) => ({
      label: 'サポートプラン',
      value: value(p.goal, p.nextReviewOn ? `次回見直し ${formatDate(p.nextReviewOn)}` : ''),
    })),
    {
      label: '要対協の登録',
      value: shown(
        errors,
        [...path, 'childProtection'],
        r.childProtection,
        (cp) => value(cp.categoryLabel, `登録日 ${formatDate(cp.registeredOn)}`),
        '登録なし',
      ),
    },
  ],
  KONKYU: (r, errors, path) => [
    latestConsultation(r.consultations.map((c) => ({ date: c.date, text: c.topics.join('・') }))),
    ...(r.supportPlan
      ? [{ label: '支援プラン', value: value(r.supportPlan.goal, `（${r.supportPlan.status}）`) }]
      : []),
    ...(r.housingBenefit
      ? [
          {
            label: '住居確保給付金',
            value: value(
              `月額${r.housingBenefit.monthlyAmountYen.toLocaleString('ja-JP')}円`,
              period(r.housingBenefit.from, r.housingBenefit.until),
            ),
          },
        ]
      : []),
    ...(r.employmentPreparation
      ? [
          {
            label: '就労準備支援',
            value: value(
              r.employmentPreparation.summary,
              `${formatDate(r.employmentPreparation.startedOn)}から`,
            ),
          },
        ]
      : []),
    ...(r.householdBudgetSupport
      ? [
          {
            label: '家計改善支援',
            value: value(
              r.householdBudgetSupport.summary,
              `${formatDate(r.householdBudgetSupport.startedOn)}から`,
            ),
          },
        ]
      : []),
    {
      label: '課税状況',
      value: shown(errors, [...path, 'taxStatus'], r.taxStatus, (t) => value(label(TAX_STATUS_LABELS, t))),
    },
  ],
};

type RecordOf<F extends WelfareField> = {
  KAIGO: KaigoRecord;
  SHOGAI: ShogaiRecord;
  KODOMO: KodomoRecord;
  KONKYU: KonkyuRecord;
}[F];

const RECORD_KEY = { KAIGO: 'kaigo', SHOGAI: 'shogai', KODOMO: 'kodomo', KONKYU: 'konkyu' } as const;
export const FIELDS = Object.keys(FIELD_LABELS) as WelfareField[];

function latestConsultation(items: { date: string; text: string }[]): Fact {
  const [latest] = items;
  return {
    label: '直近の相談',
    value: latest
      ? value(
          `${formatDate(latest.date)} ${latest.text}`,
          items.length > 1 ? `ほか${items.length - 1}件` : '',
        )
      : absent('なし'),
  };
}

/** One member's cell for one of the four fields. */
export function fieldCell<F extends WelfareField>(
  member: Member,
  field: F,
  errors: ErrorIndex,
  memberPath: Path,
): Cell {
  const path = [...memberPath, RECORD_KEY[field]];
  const code = errors.codeAt(path);
  if (code) return withheld(code);
  const record = member[RECORD_KEY[field]] as RecordOf<F> | null;
  if (!record) return absent();
  const facts = FACTS[field](record, errors, path);
  // Withheld sub-fields not named above: still shown as withheld, under their own name.
  for (const e of errors.unshownUnder(path)) facts.push({ label: e.rest.join('.'), value: withheld(e.code) });
  return { kind: 'record', facts };
}

/** The member's consent, as recorded: status, range, tax, expiry. */
export function consentCell(member: Member, errors: ErrorIndex, memberPath: Path): Cell {
  return shown(
    errors,
    [...memberPath, 'consent'],
    member.consent,
    (c) => {
      const granted = c.status === 'GRANTED';
      return value(
        // Given but no longer active: expired (DOMAIN.md: active = given, not expired, not withdrawn).
        `${label(CONSENT_STATUS_LABELS, c.status)}${c.active ? '（有効）' : granted ? '（期限切れ）' : ''}`,
        c.fields.length
          ? `対象: ${c.fields.map((f) => FIELD_LABELS[f as WelfareField] ?? f).join('・')}`
          : '',
        granted ? `税情報: ${c.coversTax ? '含む' : '含まない'}` : '',
        granted ? `同意者: ${label(CONSENT_GIVER_LABELS, c.givenBy)}` : '',
        c.expiresAt ? `期限 ${formatDate(c.expiresAt)}` : '',
        c.withdrawnAt ? `撤回日 ${formatDate(c.withdrawnAt)}` : '',
      );
    },
    '記録なし（同意を確認していません）',
  );
}

export function addressShown(member: Member, errors: ErrorIndex, memberPath: Path): Shown {
  return shown(errors, [...memberPath, 'address'], member.address, (a) => value(a));
}
