/**
 * The identity columns every silo's export carries (氏名, 氏名カナ, 生年月日, 住所) and
 * who a row or a stored record is about, from them: written once for all silos, so
 * candidate search compares the same things whichever agency's file it reads.
 */
import { isoDate } from '../silo/native-dates';
import type { Identity } from './definition';
import { date, kana, text } from './fields';

/** For a silo whose record keeps the address (介護, 子ども). */
export const IDENTITY_FIELDS = {
  shimei: text({ label: '氏名', required: true }),
  shimeiKana: kana({ label: '氏名カナ', required: true }),
  seinengappi: date({ label: '生年月日', required: true }),
  jusho: text({ label: '住所', required: true }),
};

/** For a silo whose record keeps no address (障害, 困窮): a 住所 column serves matching only. */
export const MATCHING_IDENTITY_FIELDS = {
  ...IDENTITY_FIELDS,
  jusho: text({ label: '住所 (照合用)' }),
};

/** The identity columns of a row, or of a native document that has (some of) them. */
export interface IdentityColumns {
  shimei: string;
  shimeiKana: string;
  /** YYYYMMDD, as the native documents keep it. */
  seinengappi: string;
  jusho?: string | null;
}

/** Who a row or a native document is about; the address only when there is one. */
export function nativeIdentity(v: IdentityColumns): Identity {
  return {
    name: v.shimei,
    kana: v.shimeiKana,
    birthDate: isoDate(v.seinengappi),
    ...(v.jusho ? { address: v.jusho } : {}),
  };
}
