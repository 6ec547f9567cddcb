/** The demo town's 困窮 records, in the 自立相談支援機関's own shape. */
import type { Store } from '../../shared/store';
import { inBatches, SEED_LINK } from '../../town/seed';
import type { SeedOptions } from '../../shared/seed';
import { syntheticTown } from '../../town/synthetic';
import type { SodanDoc } from './adapter/native';
import { KONKYU_COLLECTION } from './adapter/native';

const link = (residentId: string) => ({ ...SEED_LINK, residentId });

/**
 * SCENARIOS.md: P-102 consultation 非課税; P-201 家計改善 課税; P-401 住居確保給付金
 * 非課税; P-601 consultation 非課税. Every record carries a tax status.
 */
export const KONKYU_SCENARIO_RECORDS: SodanDoc[] = [
  {
    _id: 'R6-0102',
    sodanBango: 'R6-0102',
    shimei: '山田 健一',
    shimeiKana: 'ヤマダ ケンイチ',
    seinengappi: '19720808',
    uketsuke: [
      { ymd: '20260120', shuso: ['経済的困窮', 'ひきこもり'], naiyo: '母の年金で生活。本人とは会えていない' },
    ],
    kazeiKubun: '2',
    link: link('P-102'),
  },
  {
    _id: 'R6-0201',
    sodanBango: 'R6-0201',
    shimei: '佐藤 美咲',
    shimeiKana: 'サトウ ミサキ',
    seinengappi: '19870411',
    uketsuke: [
      { ymd: '20260710', shuso: ['家計', '介護と育児'], naiyo: '育児と母の介護で就労時間が減り家計が逼迫' },
    ],
    shienPlan: { sakuseiYmd: '20260725', mokuhyo: '家計の見直しと就労継続', jokyo: '実施中' },
    kakeiKaizen: { kaishiYmd: '20260801', naiyo: '家計表の作成と支出の見直し' },
    kazeiKubun: '1',
    link: link('P-201'),
  },
  {
    _id: 'R6-0401',
    sodanBango: 'R6-0401',
    shimei: '高橋 誠',
    shimeiKana: 'タカハシ マコト',
    seinengappi: '19901102',
    uketsuke: [{ ymd: '20260601', shuso: ['住まい', '仕事'], naiyo: '離職により家賃の支払いが困難' }],
    shienPlan: { sakuseiYmd: '20260615', mokuhyo: '住まいの確保と就労', jokyo: '実施中' },
    jukyoKakuho: { ketteiYmd: '20260620', getsugaku: 38000, kaishiYmd: '20260701', shuryoYmd: '20260930' },
    shuroJunbi: { kaishiYmd: '20260801', naiyo: '農園での就労体験' },
    kazeiKubun: '2',
    link: link('P-401'),
  },
  {
    _id: 'R5-0601',
    sodanBango: 'R5-0601',
    shimei: '伊藤 正',
    shimeiKana: 'イトウ タダシ',
    seinengappi: '19480220',
    uketsuke: [{ ymd: '20250930', shuso: ['家計'], naiyo: '年金のみで生活。滞納あり' }],
    kazeiKubun: '2',
    link: link('P-601'),
  },
];

function* syntheticRecords(count: number): Generator<SodanDoc> {
  for (const r of syntheticTown(count)) {
    if (!r.povertyConsultation) continue;
    const number = `RS-${r.id.slice(2)}`;
    yield {
      _id: number,
      sodanBango: number,
      shimei: `${r.familyName} ${r.givenName}`,
      shimeiKana: `${r.familyKana} ${r.givenKana}`,
      seinengappi: r.birthDate.replaceAll('-', ''),
      uketsuke: [{ ymd: '20260501', shuso: ['経済的困窮'], naiyo: '生活費の相談' }],
      kazeiKubun: r.careLevel > 0 ? '2' : '1',
      link: link(r.id),
    };
  }
}

export async function seedKonkyu(store: Store, options: SeedOptions): Promise<void> {
  const records = store.collection<SodanDoc>(KONKYU_COLLECTION);
  await records.upsertMany(KONKYU_SCENARIO_RECORDS);
  await inBatches(syntheticRecords(options.syntheticResidents), (batch) => records.upsertMany(batch));
}
