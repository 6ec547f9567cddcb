/**
 * How an agency's 介護 export becomes the 地域包括支援センター's native 被保険者 document
 * (adapter/native.ts). One row per 被保険者, keyed by 被保険者番号; the latest 総合相談
 * of the row joins the stored history instead of replacing it.
 */
import {
  code,
  date,
  defineSiloImport,
  IDENTITY_FIELDS,
  nativeIdentity,
  labelsOf,
  FieldError,
  flag,
  fromRowOrKept,
  identifier,
  mergeHistory,
  requireTogether,
  text,
} from '../../../shared/import';
import type { HihokenshaDoc } from '../adapter/native';
import { KAIGO_COLLECTION, KAIGO_INDEXES, YOKAIGODO_CODES } from '../adapter/native';

const YOKAIGODO_LABELS = labelsOf(YOKAIGODO_CODES);

export const kaigoFields = {
  hihokenshaBango: identifier({
    label: '被保険者番号',
    required: true,
    pattern: /^\d{10}$/,
    hint: '10 digits',
  }),
  ...IDENTITY_FIELDS,
  yokaigodoCode: code({ label: '要介護状態区分', codes: YOKAIGODO_LABELS }),
  ninteiYmd: date({ label: '認定日' }),
  yukoKaishiYmd: date({ label: '認定有効期間開始日' }),
  yukoShuryoYmd: date({ label: '認定有効期間終了日' }),
  tantoHoukatsu: text({ label: '担当地域包括支援センター', required: true }),
  careManagerShimei: text({ label: 'ケアマネジャー氏名' }),
  careManagerJigyosho: text({ label: '居宅介護支援事業所' }),
  sodanYmd: date({ label: '相談受付日' }),
  sodanShubetsu: text({ label: '相談種別' }),
  sodanNaiyo: text({ label: '相談内容' }),
  gyakutaiFlag: flag({ label: '高齢者虐待対応中' }),
};

const NINTEI = ['yokaigodoCode', 'ninteiYmd', 'yukoKaishiYmd', 'yukoShuryoYmd'];
const CARE_MANAGER = ['careManagerShimei', 'careManagerJigyosho'];

export const kaigoImport = defineSiloImport<HihokenshaDoc, typeof kaigoFields>({
  silo: 'kaigo',
  recordLabel: '被保険者',
  collection: KAIGO_COLLECTION,
  indexes: KAIGO_INDEXES,
  keyField: 'hihokenshaBango',
  fields: kaigoFields,
  toNative(v, existing, mapped) {
    requireTogether('要介護認定', v, {
      yokaigodoCode: '要介護状態区分',
      ninteiYmd: '認定日',
      yukoKaishiYmd: '認定有効期間開始日',
      yukoShuryoYmd: '認定有効期間終了日',
    });
    if (v.yukoKaishiYmd && v.yukoShuryoYmd && v.yukoShuryoYmd < v.yukoKaishiYmd)
      throw new FieldError('認定有効期間: 終了日 is before 開始日');
    const nintei = fromRowOrKept(
      mapped,
      NINTEI,
      () =>
        v.yokaigodoCode && v.ninteiYmd && v.yukoKaishiYmd && v.yukoShuryoYmd
          ? {
              yokaigodoCode: v.yokaigodoCode,
              ninteiYmd: v.ninteiYmd,
              yukoKaishiYmd: v.yukoKaishiYmd,
              yukoShuryoYmd: v.yukoShuryoYmd,
            }
          : undefined,
      existing?.nintei,
    );
    const careManager = fromRowOrKept(
      mapped,
      CARE_MANAGER,
      () =>
        v.careManagerShimei
          ? { shimei: v.careManagerShimei, jigyoshoMei: v.careManagerJigyosho ?? '' }
          : undefined,
      existing?.careManager,
    );
    const sodan = v.sodanYmd
      ? [{ uketsukeYmd: v.sodanYmd, shubetsu: v.sodanShubetsu ?? '総合相談', naiyo: v.sodanNaiyo ?? '' }]
      : [];
    return {
      hihokenshaBango: v.hihokenshaBango,
      shimei: v.shimei,
      shimeiKana: v.shimeiKana,
      seinengappi: v.seinengappi,
      jusho: v.jusho,
      nintei,
      tantoHoukatsu: v.tantoHoukatsu,
      careManager,
      sodanRireki: mergeHistory(existing?.sodanRireki, sodan),
      gyakutaiFlag: fromRowOrKept(
        mapped,
        ['gyakutaiFlag'],
        () => (v.gyakutaiFlag ? '1' : '0'),
        existing?.gyakutaiFlag ?? '0',
      ),
    };
  },
  identity: nativeIdentity,
  docIdentity: nativeIdentity,
});
