/**
 * How an agency's 困窮 export becomes the 自立相談支援機関's native 相談 document
 * (adapter/native.ts). One row per 相談, keyed by 相談番号; the latest 受付 joins the
 * stored history; each support (支援プラン, 住居確保給付金, 就労準備, 家計改善) is
 * replaced by the export's when the mapping carries it. 課税区分 is tax-derived
 * (地方税法22条): it is imported only from an export the person consented to.
 * The native record has no address: a 住所 column serves identity matching only.
 */
import {
  code,
  date,
  defineSiloImport,
  MATCHING_IDENTITY_FIELDS,
  nativeIdentity,
  FieldError,
  fromRowOrKept,
  identifier,
  integer,
  list,
  mergeHistory,
  requireTogether,
  text,
} from '../../../shared/import';
import type { SodanDoc } from '../adapter/native';
import { KONKYU_COLLECTION, KONKYU_INDEXES } from '../adapter/native';

export const konkyuFields = {
  sodanBango: identifier({
    label: '相談番号',
    required: true,
    pattern: /^[A-Za-z0-9-]{1,20}$/,
    hint: 'letters, digits and -',
  }),
  ...MATCHING_IDENTITY_FIELDS,
  uketsukeYmd: date({ label: '受付日' }),
  shuso: list({ label: '主訴' }),
  naiyo: text({ label: '相談内容' }),
  planSakuseiYmd: date({ label: '支援プラン作成日' }),
  planMokuhyo: text({ label: '支援プラン目標' }),
  planJokyo: text({ label: '支援プラン状況' }),
  jukyoKetteiYmd: date({ label: '住居確保給付金決定日' }),
  jukyoGetsugaku: integer({ label: '住居確保給付金月額', min: 0, max: 1_000_000 }),
  jukyoKaishiYmd: date({ label: '住居確保給付金支給開始日' }),
  jukyoShuryoYmd: date({ label: '住居確保給付金支給終了日' }),
  shuroKaishiYmd: date({ label: '就労準備支援開始日' }),
  shuroNaiyo: text({ label: '就労準備支援内容' }),
  kakeiKaishiYmd: date({ label: '家計改善支援開始日' }),
  kakeiNaiyo: text({ label: '家計改善支援内容' }),
  kazeiKubun: code({ label: '課税区分', codes: { '1': '課税', '2': '非課税' } }),
};

const PLAN = ['planSakuseiYmd', 'planMokuhyo', 'planJokyo'];
const JUKYO = ['jukyoKetteiYmd', 'jukyoGetsugaku', 'jukyoKaishiYmd', 'jukyoShuryoYmd'];

const enrolment = (kaishiYmd: string | undefined, naiyo: string | undefined, label: string) => {
  if (!kaishiYmd && naiyo) throw new FieldError(`${label}: 開始日 missing`);
  return kaishiYmd ? { kaishiYmd, naiyo: naiyo ?? '' } : undefined;
};

export const konkyuImport = defineSiloImport<SodanDoc, typeof konkyuFields>({
  silo: 'konkyu',
  recordLabel: '相談',
  collection: KONKYU_COLLECTION,
  indexes: KONKYU_INDEXES,
  keyField: 'sodanBango',
  fields: konkyuFields,
  toNative(v, existing, mapped) {
    requireTogether('住居確保給付金', v, {
      jukyoKetteiYmd: '決定日',
      jukyoGetsugaku: '月額',
      jukyoKaishiYmd: '支給開始日',
      jukyoShuryoYmd: '支給終了日',
    });
    if (v.jukyoKaishiYmd && v.jukyoShuryoYmd && v.jukyoShuryoYmd < v.jukyoKaishiYmd)
      throw new FieldError('住居確保給付金: 支給終了日 is before 支給開始日');
    if ((v.planMokuhyo || v.planJokyo) && !v.planSakuseiYmd)
      throw new FieldError('支援プラン: 作成日 missing');
    const uketsuke = v.uketsukeYmd
      ? [{ ymd: v.uketsukeYmd, shuso: v.shuso ?? [], naiyo: v.naiyo ?? '' }]
      : [];
    return {
      sodanBango: v.sodanBango,
      shimei: v.shimei,
      shimeiKana: v.shimeiKana,
      seinengappi: v.seinengappi,
      uketsuke: mergeHistory(existing?.uketsuke, uketsuke),
      shienPlan: fromRowOrKept(
        mapped,
        PLAN,
        () =>
          v.planSakuseiYmd
            ? { sakuseiYmd: v.planSakuseiYmd, mokuhyo: v.planMokuhyo ?? '', jokyo: v.planJokyo ?? '' }
            : undefined,
        existing?.shienPlan,
      ),
      jukyoKakuho: fromRowOrKept(
        mapped,
        JUKYO,
        () =>
          v.jukyoKetteiYmd && v.jukyoGetsugaku !== undefined && v.jukyoKaishiYmd && v.jukyoShuryoYmd
            ? {
                ketteiYmd: v.jukyoKetteiYmd,
                getsugaku: v.jukyoGetsugaku,
                kaishiYmd: v.jukyoKaishiYmd,
                shuryoYmd: v.jukyoShuryoYmd,
              }
            : undefined,
        existing?.jukyoKakuho,
      ),
      shuroJunbi: fromRowOrKept(
        mapped,
        ['shuroKaishiYmd', 'shuroNaiyo'],
        () => enrolment(v.shuroKaishiYmd, v.shuroNaiyo, '就労準備支援'),
        existing?.shuroJunbi,
      ),
      kakeiKaizen: fromRowOrKept(
        mapped,
        ['kakeiKaishiYmd', 'kakeiNaiyo'],
        () => enrolment(v.kakeiKaishiYmd, v.kakeiNaiyo, '家計改善支援'),
        existing?.kakeiKaizen,
      ),
      kazeiKubun: fromRowOrKept(mapped, ['kazeiKubun'], () => v.kazeiKubun, existing?.kazeiKubun),
    };
  },
  identity: nativeIdentity,
  docIdentity: nativeIdentity,
});
