/** The demo town's 介護 records, in the 地域包括支援センター's own shape. */
import type { Store } from '../../shared/store';
import { inBatches, SEED_LINK } from '../../town/seed';
import type { SeedOptions } from '../../shared/seed';
import { syntheticTown } from '../../town/synthetic';
import type { HihokenshaDoc, YokaigodoCode } from './adapter/native';
import { KAIGO_COLLECTION } from './adapter/native';

const link = (residentId: string) => ({ ...SEED_LINK, residentId });

/** SCENARIOS.md: P-101 要介護2, P-202 要支援1, P-601 要介護1 (all 地域包括支援センター北). */
export const KAIGO_SCENARIO_RECORDS: HihokenshaDoc[] = [
  {
    _id: '1000000101',
    hihokenshaBango: '1000000101',
    shimei: '山田 ハナ',
    shimeiKana: 'ヤマダ ハナ',
    seinengappi: '19430512',
    jusho: 'さくら町北2-4-8',
    nintei: {
      yokaigodoCode: '22',
      ninteiYmd: '20260310',
      yukoKaishiYmd: '20260401',
      yukoShuryoYmd: '20270331',
    },
    tantoHoukatsu: '地域包括支援センター北',
    careManager: { shimei: '木下 恵子', jigyoshoMei: '居宅介護支援事業所さくら' },
    sodanRireki: [
      { uketsukeYmd: '20260115', shubetsu: '総合相談', naiyo: '同居の長男の生活について民生委員から相談' },
      { uketsukeYmd: '20260420', shubetsu: '総合相談', naiyo: '通所介護の利用開始' },
    ],
    gyakutaiFlag: '0',
    link: link('P-101'),
  },
  {
    _id: '1000000202',
    hihokenshaBango: '1000000202',
    shimei: '佐藤 トシ子',
    shimeiKana: 'サトウ トシコ',
    seinengappi: '19550903',
    jusho: 'さくら町南1-7-3',
    nintei: {
      yokaigodoCode: '12',
      ninteiYmd: '20260801',
      yukoKaishiYmd: '20260901',
      yukoShuryoYmd: '20270831',
    },
    tantoHoukatsu: '地域包括支援センター北',
    sodanRireki: [
      { uketsukeYmd: '20260715', shubetsu: '総合相談', naiyo: '娘から介護と育児の両立について相談' },
    ],
    gyakutaiFlag: '0',
    link: link('P-202'),
  },
  {
    _id: '1000000601',
    hihokenshaBango: '1000000601',
    shimei: '伊藤 正',
    shimeiKana: 'イトウ タダシ',
    seinengappi: '19480220',
    jusho: 'さくら町東3-1-15',
    nintei: {
      yokaigodoCode: '21',
      ninteiYmd: '20251120',
      yukoKaishiYmd: '20251201',
      yukoShuryoYmd: '20261130',
    },
    tantoHoukatsu: '地域包括支援センター北',
    careManager: { shimei: '石田 和夫', jigyoshoMei: 'ケアプランセンターひがし' },
    sodanRireki: [{ uketsukeYmd: '20250930', shubetsu: '総合相談', naiyo: '独居、家計の不安' }],
    gyakutaiFlag: '0',
    link: link('P-601'),
  },
];

const SYNTHETIC_CODES: YokaigodoCode[] = ['12', '13', '21', '22', '23', '24', '25'];

function* syntheticRecords(count: number): Generator<HihokenshaDoc> {
  for (const r of syntheticTown(count)) {
    if (r.careLevel === 0) continue;
    const number = `2${r.id.slice(2).padStart(9, '0')}`;
    yield {
      _id: number,
      hihokenshaBango: number,
      shimei: `${r.familyName} ${r.givenName}`,
      shimeiKana: `${r.familyKana} ${r.givenKana}`,
      seinengappi: r.birthDate.replaceAll('-', ''),
      jusho: r.address,
      nintei: {
        yokaigodoCode: SYNTHETIC_CODES[r.careLevel - 1] ?? '21',
        ninteiYmd: '20260301',
        yukoKaishiYmd: '20260401',
        yukoShuryoYmd: '20270331',
      },
      tantoHoukatsu: '地域包括支援センター北',
      sodanRireki: [],
      gyakutaiFlag: '0',
      link: link(r.id),
    };
  }
}

export async function seedKaigo(store: Store, options: SeedOptions): Promise<void> {
  const records = store.collection<HihokenshaDoc>(KAIGO_COLLECTION);
  await records.upsertMany(KAIGO_SCENARIO_RECORDS);
  await inBatches(syntheticRecords(options.syntheticResidents), (batch) => records.upsertMany(batch));
}
