import type { GraphRecord } from '../../../shared/silo/types';
import { isoDate } from '../../../shared/silo/native-dates';
import type { SodanDoc } from './native';
import { KAZEI_KUBUN } from './native';

export interface KonkyuRecord extends GraphRecord {
  consultationNumber: string;
  consultations: { date: string; topics: string[]; summary: string }[];
  supportPlan: { createdOn: string; goal: string; status: string } | null;
  housingBenefit: { decidedOn: string; monthlyAmountYen: number; from: string; until: string } | null;
  employmentPreparation: { startedOn: string; summary: string } | null;
  householdBudgetSupport: { startedOn: string; summary: string } | null;
  taxStatus: string | null;
}

const enrolment = (p: { kaishiYmd: string; naiyo: string } | undefined) =>
  p ? { startedOn: isoDate(p.kaishiYmd), summary: p.naiyo } : null;

export function konkyuToGraph(doc: SodanDoc, residentId: string): KonkyuRecord {
  return {
    personId: residentId,
    consultationNumber: doc.sodanBango,
    consultations: [...doc.uketsuke]
      .sort((a, b) => b.ymd.localeCompare(a.ymd))
      .map((u) => ({ date: isoDate(u.ymd), topics: u.shuso, summary: u.naiyo })),
    supportPlan: doc.shienPlan
      ? {
          createdOn: isoDate(doc.shienPlan.sakuseiYmd),
          goal: doc.shienPlan.mokuhyo,
          status: doc.shienPlan.jokyo,
        }
      : null,
    housingBenefit: doc.jukyoKakuho
      ? {
          decidedOn: isoDate(doc.jukyoKakuho.ketteiYmd),
          monthlyAmountYen: doc.jukyoKakuho.getsugaku,
          from: isoDate(doc.jukyoKakuho.kaishiYmd),
          until: isoDate(doc.jukyoKakuho.shuryoYmd),
        }
      : null,
    employmentPreparation: enrolment(doc.shuroJunbi),
    householdBudgetSupport: enrolment(doc.kakeiKaizen),
    taxStatus: doc.kazeiKubun ? KAZEI_KUBUN[doc.kazeiKubun] : null,
  };
}
