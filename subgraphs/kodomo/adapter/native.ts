/**
 * The こども家庭センター's records as its system keeps them: 児童 (or 妊産婦) documents
 * keyed by 児童番号, 要対協 registration with the 区分 codes 1/2/3, dates YYYYMMDD.
 */
import type { IndexSpec } from '../../../shared/store';
import type { LinkedNativeDoc } from '../../../shared/silo/types';

/** 要保護児童対策地域協議会 登録区分. */
export const YOTAIKYO_KUBUN = {
  '1': { category: 'REQUIRES_PROTECTION', label: '要保護児童' },
  '2': { category: 'REQUIRES_SUPPORT', label: '要支援児童' },
  '3': { category: 'SPECIFIC_EXPECTANT_MOTHER', label: '特定妊婦' },
} as const;
export type YotaikyoKubun = keyof typeof YOTAIKYO_KUBUN;

export interface JidoDoc extends LinkedNativeDoc {
  /** _id is the 児童番号. */
  jidoBango: string;
  shimei: string;
  shimeiKana: string;
  seinengappi: string;
  jusho: string;
  sodan: { ymd: string; kubun: string; naiyo: string }[];
  supportPlan: { sakuseiYmd: string; mokuhyo: string; minaoshiYmd?: string }[];
  yotaikyo?: { kubun: YotaikyoKubun; torokuYmd: string; shutantoKikan: string; kenen: string[] };
}

export const KODOMO_COLLECTION = 'jido';
/** The native key is unique: what the store and the import both index. */
export const KODOMO_INDEXES: IndexSpec[] = [{ keys: ['jidoBango'], unique: true }];
