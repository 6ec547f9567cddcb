/**
 * The 自立相談支援機関's records as its system keeps them (社会福祉協議会, 委託): 相談
 * documents keyed by 相談番号, 課税区分 as codes 1/2, dates YYYYMMDD.
 */
import type { IndexSpec } from '../../../shared/store';
import type { LinkedNativeDoc } from '../../../shared/silo/types';

/** 課税区分, from the 税情報 the person consented to (住民税). */
export const KAZEI_KUBUN = {
  '1': 'TAXABLE',
  '2': 'NON_TAXABLE',
} as const;
export type KazeiKubun = keyof typeof KAZEI_KUBUN;

export interface SodanDoc extends LinkedNativeDoc {
  /** _id is the 相談番号. */
  sodanBango: string;
  shimei: string;
  shimeiKana: string;
  seinengappi: string;
  uketsuke: { ymd: string; shuso: string[]; naiyo: string }[];
  shienPlan?: { sakuseiYmd: string; mokuhyo: string; jokyo: string };
  jukyoKakuho?: { ketteiYmd: string; getsugaku: number; kaishiYmd: string; shuryoYmd: string };
  shuroJunbi?: { kaishiYmd: string; naiyo: string };
  kakeiKaizen?: { kaishiYmd: string; naiyo: string };
  kazeiKubun?: KazeiKubun;
}

export const KONKYU_COLLECTION = 'sodan';
/** The native key is unique: what the store and the import both index. */
export const KONKYU_INDEXES: IndexSpec[] = [{ keys: ['sodanBango'], unique: true }];
