/**
 * Each silo's example mapping and sample export (subgraphs/<silo>/import/) import as
 * documented, in Shift_JIS as agencies send them, and the records they link come out
 * of the silo's adapter as graph records. docs/IMPORT.md names every field.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SiloImport } from '../../import';
import { ImportFileError, parseMapping } from '../../import';
import type { GraphRecord, StoredSiloConfig } from '../../shared/silo/types';
import type { LinkedNativeDoc } from '../../shared/silo/types';
import { StoreRecordSource } from '../../shared/silo/store-source';
import { kaigoImport } from '../../subgraphs/kaigo/import/definition';
import { kaigoStoreConfig } from '../../subgraphs/kaigo/silo';
import { kodomoImport } from '../../subgraphs/kodomo/import/definition';
import { kodomoStoreConfig } from '../../subgraphs/kodomo/silo';
import { konkyuImport } from '../../subgraphs/konkyu/import/definition';
import { konkyuStoreConfig } from '../../subgraphs/konkyu/silo';
import { shogaiImport } from '../../subgraphs/shogai/import/definition';
import { shogaiStoreConfig } from '../../subgraphs/shogai/silo';
import { harness, ROOT, sampleCsv, sjis } from './helpers';

type AnyConfig = StoredSiloConfig<LinkedNativeDoc, GraphRecord>;

const SILOS: [
  SiloImport,
  AnyConfig,
  { number: number; exact: number; waiting: number },
  Record<string, Record<string, unknown>>,
][] = [
  [
    kaigoImport,
    kaigoStoreConfig as unknown as AnyConfig,
    { number: 1, exact: 1, waiting: 2 },
    { 'P-101': { careLevel: 'CARE_2' }, 'P-301': { careLevel: 'SUPPORT_2' } },
  ],
  [
    shogaiImport,
    shogaiStoreConfig as unknown as AnyConfig,
    { number: 1, exact: 1, waiting: 1 },
    {
      'P-301': { supportCategory: 5, certificates: [{ kind: 'PHYSICAL', grade: '1級' }] },
      'P-102': {
        supportCategory: null,
        certificates: [{ kind: 'MENTAL', grade: '2級', issuedOn: '2026-07-01' }],
      },
    },
  ],
  [
    kodomoImport,
    kodomoStoreConfig as unknown as AnyConfig,
    { number: 1, exact: 1, waiting: 1 },
    {
      'P-203': { supportPlans: [{ createdOn: '2026-07-01', nextReviewOn: '2026-12-01' }] },
      'P-302': {
        childProtection: { category: 'REQUIRES_SUPPORT', concerns: ['ヤングケアラー', '登校状況'] },
      },
    },
  ],
  [
    konkyuImport,
    konkyuStoreConfig as unknown as AnyConfig,
    { number: 1, exact: 1, waiting: 1 },
    {
      'P-401': { taxStatus: 'NON_TAXABLE', housingBenefit: { monthlyAmountYen: 38000, until: '2026-09-30' } },
      'P-101': { taxStatus: null, consultations: [{ topics: ['家計'] }] },
    },
  ],
];

describe.each(SILOS.map((s) => [s[0].silo, ...s] as const))(
  'the %s sample',
  (_silo, definition, config, counts, graph) => {
    it('imports in Shift_JIS and links as documented', async () => {
      const h = await harness(definition);
      const s = await h.run('sample.csv', sjis(sampleCsv(definition.silo)));
      expect(s.errors).toEqual([]);
      expect(s).toMatchObject({
        encoding: 'cp932',
        linkedByNumber: counts.number,
        linkedByExactMatch: counts.exact,
        waiting: counts.waiting,
      });
      const found = await new StoreRecordSource(h.silo, config).findByResidentIds(Object.keys(graph));
      for (const [residentId, expected] of Object.entries(graph))
        expect(found.get(residentId)).toMatchObject(expected);
    });

    it('is documented field by field in docs/IMPORT.md', () => {
      const doc = fs.readFileSync(path.join(ROOT, 'docs', 'IMPORT.md'), 'utf8');
      for (const [field, spec] of Object.entries(definition.fields)) {
        expect(doc).toContain(`\`${field}\``);
        expect(doc).toContain(spec.label);
      }
    });
  },
);

describe('a mapping file', () => {
  it('is checked against the silo, listing every problem', () => {
    let error: unknown;
    try {
      parseMapping(
        {
          silo: 'shogai',
          encoding: 'latin1',
          columns: { hihokenshaBango: '番号', shimei: '氏名', nickname: 'あだ名' },
          codes: { yokaigodoCode: { 要介護2: '99' }, shimei: {} },
          defaults: { seinengappi: 'いつか' },
        },
        kaigoImport,
        'm.json',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    const messages = (error as ImportFileError).issues.map((i) => i.message).join('\n');
    expect(messages).toMatch(/"silo" is "shogai"/);
    expect(messages).toMatch(/"encoding" must be/);
    expect(messages).toMatch(/unknown field "nickname"/);
    expect(messages).toMatch(/"要介護2" maps to "99"/);
    expect(messages).toMatch(/"shimei" is not a code/);
    expect(messages).toMatch(/defaults.seinengappi: not a date/);
    expect(messages).toMatch(/shimeiKana \(氏名カナ\) is required/);
    expect(messages).toMatch(/jusho \(住所\) is required/);
    expect(messages).toMatch(/tantoHoukatsu \(担当地域包括支援センター\) is required/);
  });

  it.each(SILOS.map(([d]) => [d.silo, d] as const))('the %s example is valid', (_silo, definition) => {
    const file = path.join(ROOT, 'subgraphs', definition.silo, 'import', 'mapping.example.json');
    expect(() => parseMapping(JSON.parse(fs.readFileSync(file, 'utf8')), definition)).not.toThrow();
  });
});
