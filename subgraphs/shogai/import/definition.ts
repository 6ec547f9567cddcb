/**
 * How an agency's 障害 export becomes the 相談支援事業所's native 利用者 document
 * (adapter/native.ts). One row per 利用者, keyed by 利用者番号; a row carries one 手帳
 * (it replaces the stored 手帳 of the same kind, others stay) and the latest 相談.
 * The native record has no address: a 住所 column, when mapped, serves identity
 * matching only.
 */
import {
  code,
  date,
  defineSiloImport,
  MATCHING_IDENTITY_FIELDS,
  nativeIdentity,
  labelsOf,
  FieldError,
  fromRowOrKept,
  identifier,
  list,
  mergeByKey,
  mergeHistory,
  requireTogether,
  text,
} from '../../../shared/import';
import type { RiyoshaDoc } from '../adapter/native';
import { SHOGAI_COLLECTION, SHOGAI_INDEXES, TECHO_SHUBETSU } from '../adapter/native';

const TECHO_LABELS = labelsOf(TECHO_SHUBETSU);

/** 障害支援区分 as the native system writes it. */
const SHIEN_KUBUN = {
  区分1: '障害支援区分1',
  区分2: '障害支援区分2',
  区分3: '障害支援区分3',
  区分4: '障害支援区分4',
  区分5: '障害支援区分5',
  区分6: '障害支援区分6',
  非該当: '非該当',
} as const;

export const shogaiFields = {
  riyoshaBango: identifier({
    label: '利用者番号',
    required: true,
    pattern: /^[A-Za-z0-9-]{1,20}$/,
    hint: 'letters, digits and -',
  }),
  ...MATCHING_IDENTITY_FIELDS,
  techoShubetsu: code({ label: '手帳種別', codes: TECHO_LABELS }),
  techoTokyu: text({ label: '手帳等級' }),
  techoBango: text({ label: '手帳番号' }),
  techoKofuYmd: date({ label: '手帳交付日' }),
  shienKubun: code({ label: '障害支援区分', codes: SHIEN_KUBUN }),
  jukyushaBango: text({ label: '受給者証番号' }),
  jukyuKaishiYmd: date({ label: '支給決定期間開始日' }),
  jukyuShuryoYmd: date({ label: '支給決定期間終了日' }),
  jukyuService: list({ label: '支給決定サービス' }),
  keikakuSakuseiYmd: date({ label: 'サービス等利用計画作成日' }),
  keikakuJigyosho: text({ label: '計画作成事業所' }),
  keikakuMonitoringYmd: date({ label: '次回モニタリング日' }),
  keikakuGaiyo: text({ label: '計画概要' }),
  jigyosho: text({ label: '相談支援事業所', required: true }),
  sodanYmd: date({ label: '相談日' }),
  sodanNaiyo: text({ label: '相談内容' }),
};

const JUKYU = ['jukyushaBango', 'jukyuKaishiYmd', 'jukyuShuryoYmd', 'jukyuService'];
const KEIKAKU = ['keikakuSakuseiYmd', 'keikakuJigyosho', 'keikakuMonitoringYmd', 'keikakuGaiyo'];

export const shogaiImport = defineSiloImport<RiyoshaDoc, typeof shogaiFields>({
  silo: 'shogai',
  recordLabel: '利用者',
  collection: SHOGAI_COLLECTION,
  indexes: SHOGAI_INDEXES,
  keyField: 'riyoshaBango',
  fields: shogaiFields,
  toNative(v, existing, mapped) {
    requireTogether('手帳', v, {
      techoShubetsu: '手帳種別',
      techoTokyu: '手帳等級',
      techoBango: '手帳番号',
      techoKofuYmd: '手帳交付日',
    });
    requireTogether('受給者証', v, {
      jukyushaBango: '受給者証番号',
      jukyuKaishiYmd: '支給決定期間開始日',
      jukyuShuryoYmd: '支給決定期間終了日',
    });
    if (v.jukyuKaishiYmd && v.jukyuShuryoYmd && v.jukyuShuryoYmd < v.jukyuKaishiYmd)
      throw new FieldError('支給決定期間: 終了日 is before 開始日');
    if ((v.keikakuJigyosho || v.keikakuMonitoringYmd || v.keikakuGaiyo) && !v.keikakuSakuseiYmd)
      throw new FieldError('サービス等利用計画: 作成日 missing');
    const techo =
      v.techoShubetsu && v.techoTokyu && v.techoBango && v.techoKofuYmd
        ? [
            {
              shubetsu: v.techoShubetsu,
              tokyu: v.techoTokyu,
              techoBango: v.techoBango,
              kofuYmd: v.techoKofuYmd,
            },
          ]
        : [];
    const sodan = v.sodanYmd ? [{ ymd: v.sodanYmd, naiyo: v.sodanNaiyo ?? '' }] : [];
    return {
      riyoshaBango: v.riyoshaBango,
      shimei: v.shimei,
      shimeiKana: v.shimeiKana,
      seinengappi: v.seinengappi,
      techo: mergeByKey(existing?.techo, techo, (t) => t.shubetsu),
      shienKubun: fromRowOrKept(mapped, ['shienKubun'], () => v.shienKubun, existing?.shienKubun),
      jukyushasho: fromRowOrKept(
        mapped,
        JUKYU,
        () =>
          v.jukyushaBango && v.jukyuKaishiYmd && v.jukyuShuryoYmd
            ? {
                bango: v.jukyushaBango,
                kaishiYmd: v.jukyuKaishiYmd,
                shuryoYmd: v.jukyuShuryoYmd,
                service: v.jukyuService ?? [],
              }
            : undefined,
        existing?.jukyushasho,
      ),
      keikaku: fromRowOrKept(
        mapped,
        KEIKAKU,
        () =>
          v.keikakuSakuseiYmd
            ? {
                sakuseiYmd: v.keikakuSakuseiYmd,
                jigyosho: v.keikakuJigyosho ?? v.jigyosho,
                ...(v.keikakuMonitoringYmd ? { monitoringYmd: v.keikakuMonitoringYmd } : {}),
                gaiyo: v.keikakuGaiyo ?? '',
              }
            : undefined,
        existing?.keikaku,
      ),
      jigyosho: v.jigyosho,
      sodan: mergeHistory(existing?.sodan, sodan),
    };
  },
  identity: nativeIdentity,
  docIdentity: nativeIdentity,
});
