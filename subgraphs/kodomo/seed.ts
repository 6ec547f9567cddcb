/** The demo town's 子ども records, in the こども家庭センター's own shape. */
import type { Store } from '../../shared/store';
import { inBatches, SEED_LINK } from '../../town/seed';
import type { SeedOptions } from '../../shared/seed';
import { syntheticTown } from '../../town/synthetic';
import type { JidoDoc } from './adapter/native';
import { KODOMO_COLLECTION } from './adapter/native';

const link = (residentId: string) => ({ ...SEED_LINK, residentId });

/**
 * SCENARIOS.md: P-203 発達相談, P-204 乳児 follow-up, P-302 要支援児童 (a young carer),
 * P-501 特定妊婦 under a DV support measure.
 */
export const KODOMO_SCENARIO_RECORDS: JidoDoc[] = (
  [
    {
      _id: 'K21-0203',
      jidoBango: 'K21-0203',
      shimei: '佐藤 陽翔',
      shimeiKana: 'サトウ ハルト',
      seinengappi: '20210718',
      jusho: 'さくら町南1-7-3',
      sodan: [{ ymd: '20260620', kubun: '発達相談', naiyo: '3歳児健診で言葉の遅れ。発達相談につなぐ' }],
      supportPlan: [
        { sakuseiYmd: '20260701', mokuhyo: '療育の利用開始と母の負担軽減', minaoshiYmd: '20261201' },
      ],
    },
    {
      _id: 'K25-0204',
      jidoBango: 'K25-0204',
      shimei: '佐藤 結衣',
      shimeiKana: 'サトウ ユイ',
      seinengappi: '20250214',
      jusho: 'さくら町南1-7-3',
      sodan: [
        { ymd: '20250410', kubun: '乳児家庭全戸訪問', naiyo: '母の睡眠不足。継続フォロー' },
        { ymd: '20260215', kubun: '乳幼児健診後フォロー', naiyo: '1歳健診。体重の伸び良好' },
      ],
      supportPlan: [],
    },
    {
      _id: 'K10-0302',
      jidoBango: 'K10-0302',
      shimei: '鈴木 翔太',
      shimeiKana: 'スズキ ショウタ',
      seinengappi: '20100523',
      jusho: 'さくら町西4-2-6',
      sodan: [{ ymd: '20260905', kubun: '学校からの相談', naiyo: '遅刻と欠席が増加。父の介助を担っている' }],
      supportPlan: [],
      yotaikyo: {
        kubun: '2',
        torokuYmd: '20260915',
        shutantoKikan: 'こども家庭センター',
        kenen: ['ヤングケアラー', '登校状況'],
      },
    },
    {
      _id: 'KN-0501',
      jidoBango: 'KN-0501',
      shimei: '田中 由美',
      shimeiKana: 'タナカ ユミ',
      seinengappi: '19960130',
      jusho: 'さくら町中央5-11-2',
      sodan: [{ ymd: '20261001', kubun: '妊産婦相談', naiyo: '妊娠20週。配偶者からの暴力で避難中' }],
      supportPlan: [
        { sakuseiYmd: '20261010', mokuhyo: '安全な出産と産後の生活基盤づくり', minaoshiYmd: '20261210' },
      ],
      yotaikyo: {
        kubun: '3',
        torokuYmd: '20261005',
        shutantoKikan: 'こども家庭センター',
        kenen: ['DV', '経済的困窮'],
      },
    },
  ] satisfies JidoDoc[]
).map((doc) => ({ ...doc, link: link(`P-${doc._id.slice(-3)}`) }));

function* syntheticRecords(count: number): Generator<JidoDoc> {
  for (const r of syntheticTown(count)) {
    if (!r.childSupport) continue;
    const number = `KS-${r.id.slice(2)}`;
    yield {
      _id: number,
      jidoBango: number,
      shimei: `${r.familyName} ${r.givenName}`,
      shimeiKana: `${r.familyKana} ${r.givenKana}`,
      seinengappi: r.birthDate.replaceAll('-', ''),
      jusho: r.address,
      sodan: [{ ymd: '20260501', kubun: '子育て相談', naiyo: '定期フォロー' }],
      supportPlan: [],
      link: link(r.id),
    };
  }
}

export async function seedKodomo(store: Store, options: SeedOptions): Promise<void> {
  const records = store.collection<JidoDoc>(KODOMO_COLLECTION);
  await records.upsertMany(KODOMO_SCENARIO_RECORDS);
  await inBatches(syntheticRecords(options.syntheticResidents), (batch) => records.upsertMany(batch));
}
