/**
 * The 相談支援事業所's records as its system keeps them: 利用者 documents keyed by the
 * office's 利用者番号, 手帳種別 as codes 1/2/3, 障害支援区分 as 「区分N」, dates YYYYMMDD.
 */
import type { IndexSpec } from '../../../shared/store';
import type { LinkedNativeDoc } from '../../../shared/silo/types';

export const TECHO_SHUBETSU = {
  '1': { kind: 'PHYSICAL', label: '身体障害者手帳' },
  '2': { kind: 'INTELLECTUAL', label: '療育手帳' },
  '3': { kind: 'MENTAL', label: '精神障害者保健福祉手帳' },
} as const;
export type TechoShubetsu = keyof typeof TECHO_SHUBETSU;

export interface RiyoshaDoc extends LinkedNativeDoc {
  /** _id is the 利用者番号. */
  riyoshaBango: string;
  shimei: string;
  shimeiKana: string;
  seinengappi: string;
  techo: { shubetsu: TechoShubetsu; tokyu: string; techoBango: string; kofuYmd: string }[];
  /** 「区分1」〜「区分6」, or 「非該当」/absent. */
  shienKubun?: string;
  jukyushasho?: { bango: string; kaishiYmd: string; shuryoYmd: string; service: string[] };
  keikaku?: { sakuseiYmd: string; jigyosho: string; monitoringYmd?: string; gaiyo: string };
  jigyosho: string;
  sodan: { ymd: string; naiyo: string }[];
}

export const SHOGAI_COLLECTION = 'riyosha';
/** The native key is unique: what the store and the import both index. */
export const SHOGAI_INDEXES: IndexSpec[] = [{ keys: ['riyoshaBango'], unique: true }];
