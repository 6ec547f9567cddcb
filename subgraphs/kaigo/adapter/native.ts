/**
 * The 地域包括支援センター's records as its system keeps them: 被保険者 documents keyed
 * by 介護保険被保険者番号, dates as YYYYMMDD, 要介護状態区分 as the national codes.
 */
import type { IndexSpec } from '../../../shared/store';
import type { LinkedNativeDoc } from '../../../shared/silo/types';

/** 要介護状態区分コード (介護保険事務処理システムの区分). */
export const YOKAIGODO_CODES = {
  '01': { level: 'NOT_APPLICABLE', label: '非該当' },
  '12': { level: 'SUPPORT_1', label: '要支援1' },
  '13': { level: 'SUPPORT_2', label: '要支援2' },
  '21': { level: 'CARE_1', label: '要介護1' },
  '22': { level: 'CARE_2', label: '要介護2' },
  '23': { level: 'CARE_3', label: '要介護3' },
  '24': { level: 'CARE_4', label: '要介護4' },
  '25': { level: 'CARE_5', label: '要介護5' },
} as const;
export type YokaigodoCode = keyof typeof YOKAIGODO_CODES;

export interface HihokenshaDoc extends LinkedNativeDoc {
  /** _id is the 被保険者番号. */
  hihokenshaBango: string;
  shimei: string;
  shimeiKana: string;
  seinengappi: string;
  jusho: string;
  nintei?: {
    yokaigodoCode: YokaigodoCode;
    ninteiYmd: string;
    yukoKaishiYmd: string;
    yukoShuryoYmd: string;
  };
  tantoHoukatsu: string;
  careManager?: { shimei: string; jigyoshoMei: string };
  sodanRireki: { uketsukeYmd: string; shubetsu: string; naiyo: string }[];
  /** 高齢者虐待対応中フラグ: '1' when an abuse response is open. */
  gyakutaiFlag: '0' | '1';
}

export const KAIGO_COLLECTION = 'hihokensha';
/** The native key is unique: what the store and the import both index. */
export const KAIGO_INDEXES: IndexSpec[] = [{ keys: ['hihokenshaBango'], unique: true }];
