import type { GraphRecord } from '../../../shared/silo/types';
import { isoDate } from '../../../shared/silo/native-dates';
import type { JidoDoc } from './native';
import { YOTAIKYO_KUBUN } from './native';

export interface KodomoRecord extends GraphRecord {
  caseNumber: string;
  consultations: { date: string; kind: string; summary: string }[];
  supportPlans: { createdOn: string; goal: string; nextReviewOn: string | null }[];
  childProtection: {
    category: string;
    categoryLabel: string;
    registeredOn: string;
    leadAgency: string;
    concerns: string[];
  } | null;
  address: string;
}

export function kodomoToGraph(doc: JidoDoc, residentId: string): KodomoRecord {
  const kubun = doc.yotaikyo ? YOTAIKYO_KUBUN[doc.yotaikyo.kubun] : null;
  return {
    personId: residentId,
    caseNumber: doc.jidoBango,
    consultations: [...doc.sodan]
      .sort((a, b) => b.ymd.localeCompare(a.ymd))
      .map((s) => ({ date: isoDate(s.ymd), kind: s.kubun, summary: s.naiyo })),
    supportPlans: doc.supportPlan.map((p) => ({
      createdOn: isoDate(p.sakuseiYmd),
      goal: p.mokuhyo,
      nextReviewOn: p.minaoshiYmd ? isoDate(p.minaoshiYmd) : null,
    })),
    childProtection:
      doc.yotaikyo && kubun
        ? {
            category: kubun.category,
            categoryLabel: kubun.label,
            registeredOn: isoDate(doc.yotaikyo.torokuYmd),
            leadAgency: doc.yotaikyo.shutantoKikan,
            concerns: doc.yotaikyo.kenen,
          }
        : null,
    address: doc.jusho,
  };
}
