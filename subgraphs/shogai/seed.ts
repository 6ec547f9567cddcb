/** The demo town's 障害 records, in the 相談支援事業所's own shape. */
import type { Store } from '../../shared/store';
import { inBatches, SEED_LINK } from '../../town/seed';
import type { SeedOptions } from '../../shared/seed';
import { syntheticTown } from '../../town/synthetic';
import type { RiyoshaDoc, TechoShubetsu } from './adapter/native';
import { SHOGAI_COLLECTION } from './adapter/native';

const link = (residentId: string) => ({ ...SEED_LINK, residentId });

/** SCENARIOS.md: P-301 身体障害者手帳1級 障害支援区分5; P-401 療育手帳B. P-102 has none. */
export const SHOGAI_SCENARIO_RECORDS: RiyoshaDoc[] = [
  {
    _id: 'AO-0301',
    riyoshaBango: 'AO-0301',
    shimei: '鈴木 一郎',
    shimeiKana: 'スズキ イチロウ',
    seinengappi: '19770614',
    techo: [{ shubetsu: '1', tokyu: '1級', techoBango: '身1-20301', kofuYmd: '20190401' }],
    shienKubun: '区分5',
    jukyushasho: {
      bango: '0300000301',
      kaishiYmd: '20260401',
      shuryoYmd: '20270331',
      service: ['居宅介護', '重度訪問介護'],
    },
    keikaku: {
      sakuseiYmd: '20260320',
      jigyosho: '相談支援事業所あおば',
      monitoringYmd: '20261220',
      gaiyo: '在宅生活の継続と家族の負担軽減',
    },
    jigyosho: '相談支援事業所あおば',
    sodan: [{ ymd: '20260905', naiyo: '長男が家事と介助を担っていると学校から連絡' }],
    link: link('P-301'),
  },
  {
    _id: 'AO-0401',
    riyoshaBango: 'AO-0401',
    shimei: '高橋 誠',
    shimeiKana: 'タカハシ マコト',
    seinengappi: '19901102',
    techo: [{ shubetsu: '2', tokyu: 'B', techoBango: '療B-40401', kofuYmd: '20080401' }],
    jigyosho: '相談支援事業所あおば',
    sodan: [{ ymd: '20260610', naiyo: '離職後の生活と就労について' }],
    link: link('P-401'),
  },
];

const SYNTHETIC_SHUBETSU: Record<string, TechoShubetsu> = { PHYSICAL: '1', INTELLECTUAL: '2', MENTAL: '3' };
const SYNTHETIC_GRADE: Record<string, string> = { PHYSICAL: '2級', INTELLECTUAL: 'B', MENTAL: '2級' };

function* syntheticRecords(count: number): Generator<RiyoshaDoc> {
  for (const r of syntheticTown(count)) {
    if (!r.disability) continue;
    const number = `SY-${r.id.slice(2)}`;
    yield {
      _id: number,
      riyoshaBango: number,
      shimei: `${r.familyName} ${r.givenName}`,
      shimeiKana: `${r.familyKana} ${r.givenKana}`,
      seinengappi: r.birthDate.replaceAll('-', ''),
      techo: [
        {
          shubetsu: SYNTHETIC_SHUBETSU[r.disability.kind] ?? '1',
          tokyu: SYNTHETIC_GRADE[r.disability.kind] ?? '2級',
          techoBango: `T-${r.id.slice(2)}`,
          kofuYmd: '20200401',
        },
      ],
      shienKubun: `区分${r.disability.supportCategory}`,
      jigyosho: '相談支援事業所あおば',
      sodan: [],
      link: link(r.id),
    };
  }
}

export async function seedShogai(store: Store, options: SeedOptions): Promise<void> {
  const records = store.collection<RiyoshaDoc>(SHOGAI_COLLECTION);
  await records.upsertMany(SHOGAI_SCENARIO_RECORDS);
  await inBatches(syntheticRecords(options.syntheticResidents), (batch) => records.upsertMany(batch));
}
