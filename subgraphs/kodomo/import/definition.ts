/**
 * How an agency's 子ども export becomes the こども家庭センター's native 児童 (or 妊産婦)
 * document (adapter/native.ts). One row per 児童, keyed by 児童番号; the latest 相談
 * and サポートプラン join the stored history; the 要対協 registration is replaced by
 * the export's (an empty 登録区分 ends it) when the mapping carries it.
 */
import {
  code,
  date,
  defineSiloImport,
  IDENTITY_FIELDS,
  nativeIdentity,
  labelsOf,
  FieldError,
  fromRowOrKept,
  identifier,
  list,
  mergeByKey,
  mergeHistory,
  text,
} from '../../../shared/import';
import type { JidoDoc } from '../adapter/native';
import { KODOMO_COLLECTION, KODOMO_INDEXES, YOTAIKYO_KUBUN } from '../adapter/native';

const YOTAIKYO_LABELS = labelsOf(YOTAIKYO_KUBUN);

export const kodomoFields = {
  jidoBango: identifier({
    label: '児童番号',
    required: true,
    pattern: /^[A-Za-z0-9-]{1,20}$/,
    hint: 'letters, digits and -',
  }),
  ...IDENTITY_FIELDS,
  sodanYmd: date({ label: '相談日' }),
  sodanKubun: text({ label: '相談区分' }),
  sodanNaiyo: text({ label: '相談内容' }),
  planSakuseiYmd: date({ label: 'サポートプラン作成日' }),
  planMokuhyo: text({ label: 'サポートプラン目標' }),
  planMinaoshiYmd: date({ label: 'サポートプラン見直し予定日' }),
  yotaikyoKubun: code({ label: '要対協登録区分', codes: YOTAIKYO_LABELS }),
  yotaikyoTorokuYmd: date({ label: '要対協登録日' }),
  yotaikyoShutanto: text({ label: '主担当機関' }),
  yotaikyoKenen: list({ label: '懸念事項' }),
};

const YOTAIKYO = ['yotaikyoKubun', 'yotaikyoTorokuYmd', 'yotaikyoShutanto', 'yotaikyoKenen'];

export const kodomoImport = defineSiloImport<JidoDoc, typeof kodomoFields>({
  silo: 'kodomo',
  recordLabel: '児童',
  collection: KODOMO_COLLECTION,
  indexes: KODOMO_INDEXES,
  keyField: 'jidoBango',
  fields: kodomoFields,
  toNative(v, existing, mapped) {
    if (v.yotaikyoKubun && !v.yotaikyoTorokuYmd) throw new FieldError('要対協: 登録日 missing');
    if (!v.yotaikyoKubun && (v.yotaikyoTorokuYmd || v.yotaikyoShutanto))
      throw new FieldError('要対協: 登録区分 missing');
    if ((v.planMokuhyo || v.planMinaoshiYmd) && !v.planSakuseiYmd)
      throw new FieldError('サポートプラン: 作成日 missing');
    const sodan = v.sodanYmd
      ? [{ ymd: v.sodanYmd, kubun: v.sodanKubun ?? '相談', naiyo: v.sodanNaiyo ?? '' }]
      : [];
    const plan = v.planSakuseiYmd
      ? [
          {
            sakuseiYmd: v.planSakuseiYmd,
            mokuhyo: v.planMokuhyo ?? '',
            ...(v.planMinaoshiYmd ? { minaoshiYmd: v.planMinaoshiYmd } : {}),
          },
        ]
      : [];
    return {
      jidoBango: v.jidoBango,
      shimei: v.shimei,
      shimeiKana: v.shimeiKana,
      seinengappi: v.seinengappi,
      jusho: v.jusho,
      sodan: mergeHistory(existing?.sodan, sodan),
      // A plan revised under the same 作成日 replaces the stored one.
      supportPlan: mergeByKey(existing?.supportPlan, plan, (p) => p.sakuseiYmd),
      yotaikyo: fromRowOrKept(
        mapped,
        YOTAIKYO,
        () =>
          v.yotaikyoKubun && v.yotaikyoTorokuYmd
            ? {
                kubun: v.yotaikyoKubun,
                torokuYmd: v.yotaikyoTorokuYmd,
                shutantoKikan: v.yotaikyoShutanto ?? 'こども家庭センター',
                kenen: v.yotaikyoKenen ?? [],
              }
            : undefined,
        existing?.yotaikyo,
      ),
    };
  },
  identity: nativeIdentity,
  docIdentity: nativeIdentity,
});
