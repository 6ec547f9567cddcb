import type { GraphRecord } from '../../../shared/silo/types';
import { isoDate } from '../../../shared/silo/native-dates';
import type { RiyoshaDoc } from './native';
import { TECHO_SHUBETSU } from './native';

export interface ShogaiRecord extends GraphRecord {
  clientNumber: string;
  certificates: { kind: string; kindLabel: string; grade: string; number: string; issuedOn: string }[];
  supportCategory: number | null;
  recipientCertificate: { number: string; validFrom: string; validUntil: string; services: string[] } | null;
  servicePlan: { createdOn: string; office: string; nextMonitoringOn: string | null; summary: string } | null;
  consultationOffice: string;
  consultations: { date: string; summary: string }[];
}

function supportCategory(kubun: string | undefined): number | null {
  const match = kubun?.match(/^区分([1-6])$/);
  return match ? Number(match[1]) : null;
}

export function shogaiToGraph(doc: RiyoshaDoc, residentId: string): ShogaiRecord {
  return {
    personId: residentId,
    clientNumber: doc.riyoshaBango,
    certificates: doc.techo.map((t) => ({
      kind: TECHO_SHUBETSU[t.shubetsu].kind,
      kindLabel: TECHO_SHUBETSU[t.shubetsu].label,
      grade: t.tokyu,
      number: t.techoBango,
      issuedOn: isoDate(t.kofuYmd),
    })),
    supportCategory: supportCategory(doc.shienKubun),
    recipientCertificate: doc.jukyushasho
      ? {
          number: doc.jukyushasho.bango,
          validFrom: isoDate(doc.jukyushasho.kaishiYmd),
          validUntil: isoDate(doc.jukyushasho.shuryoYmd),
          services: doc.jukyushasho.service,
        }
      : null,
    servicePlan: doc.keikaku
      ? {
          createdOn: isoDate(doc.keikaku.sakuseiYmd),
          office: doc.keikaku.jigyosho,
          nextMonitoringOn: doc.keikaku.monitoringYmd ? isoDate(doc.keikaku.monitoringYmd) : null,
          summary: doc.keikaku.gaiyo,
        }
      : null,
    consultationOffice: doc.jigyosho,
    consultations: [...doc.sodan]
      .sort((a, b) => b.ymd.localeCompare(a.ymd))
      .map((s) => ({ date: isoDate(s.ymd), summary: s.naiyo })),
  };
}
