import type { GraphRecord } from '../../../shared/silo/types';
import { isoDate } from '../../../shared/silo/native-dates';
import type { HihokenshaDoc } from './native';
import { YOKAIGODO_CODES } from './native';

export interface KaigoRecord extends GraphRecord {
  insuredNumber: string;
  careLevel: string | null;
  certification: {
    level: string;
    label: string;
    certifiedOn: string;
    validFrom: string;
    validUntil: string;
  } | null;
  responsibleCentre: string;
  careManager: { name: string; office: string } | null;
  consultations: { date: string; kind: string; summary: string }[];
  abuseConcern: boolean;
  address: string;
}

export function kaigoToGraph(doc: HihokenshaDoc, residentId: string): KaigoRecord {
  const code = doc.nintei ? YOKAIGODO_CODES[doc.nintei.yokaigodoCode] : null;
  return {
    personId: residentId,
    insuredNumber: doc.hihokenshaBango,
    careLevel: code?.level ?? null,
    certification:
      doc.nintei && code
        ? {
            level: code.level,
            label: code.label,
            certifiedOn: isoDate(doc.nintei.ninteiYmd),
            validFrom: isoDate(doc.nintei.yukoKaishiYmd),
            validUntil: isoDate(doc.nintei.yukoShuryoYmd),
          }
        : null,
    responsibleCentre: doc.tantoHoukatsu,
    careManager: doc.careManager
      ? { name: doc.careManager.shimei, office: doc.careManager.jigyoshoMei }
      : null,
    consultations: [...doc.sodanRireki]
      .sort((a, b) => b.uketsukeYmd.localeCompare(a.uketsukeYmd))
      .map((s) => ({ date: isoDate(s.uketsukeYmd), kind: s.shubetsu, summary: s.naiyo })),
    abuseConcern: doc.gyakutaiFlag === '1',
    address: doc.jusho,
  };
}
