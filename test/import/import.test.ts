/**
 * The import engine end to end on in-memory stores: encodings, 和暦, validation with
 * line numbers and no change on error, re-import by native key, linking.
 */
import type { ImportedDoc } from '../../import';
import { EXACT_MATCH_LINKER, parseMapping, runImport } from '../../import';
import { StoreRecordSource } from '../../shared/silo/store-source';
import type { HihokenshaDoc } from '../../subgraphs/kaigo/adapter/native';
import { KAIGO_COLLECTION } from '../../subgraphs/kaigo/adapter/native';
import { kaigoImport } from '../../subgraphs/kaigo/import/definition';
import { kaigoStoreConfig } from '../../subgraphs/kaigo/silo';
import type { Harness } from './helpers';
import { harness, NOW, sjis, utf8 } from './helpers';

const HEADER =
  '被保険者番号,宛名番号,氏名,フリガナ,生年月日,住所,要介護度,認定年月日,有効期間開始,有効期間終了,ケアマネ氏名,居宅介護支援事業所,最終相談日,相談種別,相談内容,虐待対応';

const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

/** P-101 by number, P-202 by an exact match (half-width kana, 和暦, 丁目), P-601 near (address typo). */
const GOOD = csv(
  '1000000101,P-101,山田 ハナ,ヤマダ ハナ,昭和18年5月12日,さくら町北2-4-8,要介護2,R8.3.10,R8.4.1,R9.3.31,木下 恵子,居宅介護支援事業所さくら,令和8年6月2日,総合相談,通所介護の回数について,',
  '1000000202,,佐藤 トシ子,ｻﾄｳ ﾄｼｺ,S30.9.3,さくら町南1丁目7番3号,要支援1,2026/08/01,20260901,R9.8.31,,,,,,',
  '1000000601,,伊藤 正,イトウ タダシ,1948/02/20,さくら町東3-1-51,要介護1,R7.11.20,R7.12.1,R8.11.30,,,,,,対応中',
);

const docs = (h: Harness) => h.silo.collection<ImportedDoc>(KAIGO_COLLECTION).find({});

describe('import of a 介護 export', () => {
  it('imports UTF-8 with 和暦 dates into native documents and links by number and exact match', async () => {
    const h = await harness(kaigoImport);
    const s = await h.run('kaigo.csv', utf8(GOOD));
    expect(s.errors).toEqual([]);
    expect(s).toMatchObject({
      encoding: 'utf8',
      written: true,
      rowsRead: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      linkedByNumber: 1,
      linkedByExactMatch: 1,
      waiting: 1,
    });
    const hanako = (await h.silo.collection<HihokenshaDoc>(KAIGO_COLLECTION).findOne({ _id: '1000000101' }))!;
    expect(hanako).toMatchObject({
      hihokenshaBango: '1000000101',
      shimeiKana: 'ヤマダ ハナ',
      seinengappi: '19430512',
      nintei: {
        yokaigodoCode: '22',
        ninteiYmd: '20260310',
        yukoKaishiYmd: '20260401',
        yukoShuryoYmd: '20270331',
      },
      careManager: { shimei: '木下 恵子', jigyoshoMei: '居宅介護支援事業所さくら' },
      sodanRireki: [{ uketsukeYmd: '20260602', shubetsu: '総合相談', naiyo: '通所介護の回数について' }],
      tantoHoukatsu: '地域包括支援センター北',
      gyakutaiFlag: '0',
      link: { residentId: 'P-101', method: 'NUMBER', linkedAt: NOW.toISOString(), linkedBy: 'import' },
    });
    const toshiko = (await h.silo.collection<ImportedDoc>(KAIGO_COLLECTION).findOne({ _id: '1000000202' }))!;
    expect(toshiko.shimeiKana).toBe('サトウ トシコ'); // stored full-width
    expect(toshiko.link).toEqual({
      residentId: 'P-202',
      method: 'CONFIRMED_CANDIDATE',
      linkedAt: NOW.toISOString(),
      linkedBy: EXACT_MATCH_LINKER,
    });
    const tadashi = (await h.silo.collection<ImportedDoc>(KAIGO_COLLECTION).findOne({ _id: '1000000601' }))!;
    expect(tadashi.link).toBeUndefined();
    expect(tadashi.gyakutaiFlag).toBe('1');
    expect(tadashi.pendingLink?.identity).toEqual({
      name: '伊藤 正',
      kana: 'イトウ タダシ',
      birthDate: '1948-02-20',
      address: 'さくら町東3-1-51',
    });

    // What the graph sees: linked records only.
    const source = new StoreRecordSource(h.silo, kaigoStoreConfig);
    const found = await source.findByResidentIds(['P-101', 'P-202', 'P-601']);
    expect([...found.keys()].sort()).toEqual(['P-101', 'P-202']);
    expect(found.get('P-101')).toMatchObject({ insuredNumber: '1000000101', careLevel: 'CARE_2' });
    expect(found.get('P-202')?.certification).toMatchObject({ label: '要支援1', validFrom: '2026-09-01' });
  });

  it('reads the same export in Shift_JIS (CP932), detected or declared', async () => {
    const utf = await harness(kaigoImport);
    await utf.run('kaigo.csv', utf8(GOOD));

    const auto = await harness(kaigoImport);
    const s = await auto.run('kaigo-sjis.csv', sjis(GOOD));
    expect(s.errors).toEqual([]);
    expect(s.encoding).toBe('cp932');
    expect(await auto.snapshot()).toBe(await utf.snapshot());

    const declared = await harness(kaigoImport);
    expect((await declared.run('kaigo-sjis.csv', sjis(GOOD), { encoding: 'cp932' })).encoding).toBe('cp932');
    expect(await declared.snapshot()).toBe(await utf.snapshot());
  });

  it('reads CP932-only characters (髙, 﨑, ①) and a UTF-8 BOM', async () => {
    const row = '1000000777,,髙﨑 ①子,タカサキ イチコ,S40.1.1,さくら町西1-1-1,,,,,,,,,,\r\n';
    const h = await harness(kaigoImport);
    expect((await h.run('a.csv', sjis(csv(row)))).errors).toEqual([]);
    const doc = await h.silo.collection<HihokenshaDoc>(KAIGO_COLLECTION).findOne({ _id: '1000000777' });
    expect(doc?.shimei).toBe('髙﨑 ①子');

    const bom = await harness(kaigoImport);
    const s = await bom.run('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(GOOD)]));
    expect(s.errors).toEqual([]);
    expect(s.inserted).toBe(3);
  });

  it('refuses a Shift_JIS file declared as UTF-8, and bytes that are neither', async () => {
    const h = await harness(kaigoImport);
    const s = await h.run('kaigo-sjis.csv', sjis(GOOD), { encoding: 'utf8' });
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]?.message).toMatch(/not valid UTF-8/);
    expect(s.written).toBe(false);

    const broken = Buffer.concat([sjis(HEADER + '\n'), Buffer.from([0x31, 0x2c, 0x82, 0xff, 0x0a])]);
    const t = await h.run('broken.csv', broken);
    expect(t.errors[0]?.message).toMatch(/neither UTF-8 nor Shift_JIS/);
    expect(t.errors[0]?.message).toMatch(/broken\.csv:2/);
    expect(await h.snapshot()).toBe('[]');
  });

  it('lists every bad row with its line and column, and changes nothing', async () => {
    const h = await harness(kaigoImport);
    await h.run('first.csv', utf8(GOOD));
    const before = await h.snapshot();

    const bad = csv(
      /* 2 */ '1000000101,P-101,山田 ハナ,ヤマダ ハナ,昭和18年5月12日,さくら町北2-4-8,要介護3,R8.3.10,R8.4.1,R9.3.31,,,,,,',
      /* 3 */ '1000000303,,鈴木 一郎,スズキ イチロウ,H31.5.1,さくら町西4-2-6,,,,,,,,,,',
      /* 4 */ '1000000304,,鈴木 一郎,スズキ イチロウ,S52.6.14,さくら町西4-2-6,要介護9,R8.3.10,R8.4.1,R9.3.31,,,,,,',
      /* 5 */ '12345,,,スズキ,S52.6.14,さくら町西4-2-6,,,,,,,,,,',
      /* 6 */ '1000000306,,鈴木 一郎,鈴木,S52.6.14,さくら町西4-2-6,,,,,,,,,,',
      /* 7 */ '1000000307,,too,few,fields',
      /* 8 */ '1000000101,,山田 ハナ,ヤマダ ハナ,S18.5.12,さくら町北2-4-8,,,,,,,,,,',
      /* 9 */ '1000000309,P-999,誰か,ダレカ,S50.1.1,さくら町,,,,,,,,,,',
      /* 10 */ '1000000310,P-101,山田 ハナ,ヤマダ ハナ,S18.5.12,さくら町北2-4-8,,,,,,,,,,',
      /* 11 */ '1000000311,,鈴木 一郎,スズキ イチロウ,S52.6.14,さくら町西4-2-6,要介護1,R8.3.10,,,,,,,,',
      /* 12 */ '"1000000312",,"鈴木, 一郎",スズキ イチロウ,S52.6.14,"さくら町西4-2-6',
      /* 13 */ '2階",要介護1,R8.3.10,R9.4.1,R8.4.1,,,,,,',
      /* 14 */ '1000000314,,鈴木 一郎,スズキ イチロウ,S52.6.14,さくら町西4-2-6,,,,,,,,,,たぶん',
    );
    const s = await h.run('bad.csv', sjis(bad));
    expect(s.written).toBe(false);
    expect(await h.snapshot()).toBe(before);
    const lines = s.errors.map((e) => `${e.line}${e.column ? ` ${e.column}` : ''}`);
    expect(lines).toEqual([
      '3 生年月日', // H31.5.1 is 令和
      '4 要介護度', // unknown code
      '5 被保険者番号', // not 10 digits
      '5 氏名', // missing
      '6 フリガナ', // not kana
      '7', // field count
      '8 被保険者番号', // same key as line 2
      '9 宛名番号', // not a resident
      '10 宛名番号', // P-101 also on line 2
      '11', // 認定 without its dates
      '12', // 有効期間 ends before it starts (a quoted field spans lines 12–13)
      '14 虐待対応', // not yes/no
    ]);
    expect(s.errors[0]).toMatchObject({
      file: 'bad.csv',
      line: 3,
      message: expect.stringMatching(/not within 平成/),
    });
    expect(s.errors.find((e) => e.line === 8)?.message).toMatch(/also on line 2/);
  });

  it('refuses a header that lacks a mapped column, naming every missing one', async () => {
    const h = await harness(kaigoImport);
    const s = await h.run('wrong.csv', utf8('被保険者番号,氏名,生年月日\n1000000101,山田 ハナ,S18.5.12\n'));
    expect(s.errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/no column "フリガナ"/),
        expect.stringMatching(/no column "住所"/),
        expect.stringMatching(/no column "宛名番号"/),
      ]),
    );
    expect(s.errors.every((e) => e.line === 1)).toBe(true);
    expect(await h.snapshot()).toBe('[]');
  });

  it('changes nothing on a dry run', async () => {
    const h = await harness(kaigoImport);
    const s = await h.run('kaigo.csv', utf8(GOOD), { dryRun: true });
    expect(s).toMatchObject({ inserted: 3, written: false, dryRun: true, errors: [] });
    expect(await h.snapshot()).toBe('[]');
  });

  it('re-imports a newer export by 被保険者番号 without duplicating', async () => {
    const h = await harness(kaigoImport);
    await h.run('april.csv', utf8(GOOD));
    const again = await h.run('april.csv', utf8(GOOD));
    expect(again).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 3,
      written: false,
      keptLink: 1,
      waiting: 1,
    });

    // Newer export: 山田 ハナ now 要介護3 with a new consultation; 伊藤 正 now carries his number.
    const newer = csv(
      '1000000101,P-101,山田 ハナ,ヤマダ ハナ,S18.5.12,さくら町北2-4-8,要介護3,R8.10.1,R8.11.1,R9.10.31,木下 恵子,居宅介護支援事業所さくら,R8.10.5,総合相談,区分変更申請,',
      '1000000202,,佐藤 トシ子,ｻﾄｳ ﾄｼｺ,S30.9.3,さくら町南1丁目7番3号,要支援1,2026/08/01,20260901,R9.8.31,,,,,,',
      '1000000601,P-601,伊藤 正,イトウ タダシ,1948/02/20,さくら町東3-1-51,要介護1,R7.11.20,R7.12.1,R8.11.30,,,,,,対応中',
    );
    const s = await h.run('october.csv', utf8(newer), { now: new Date('2026-11-02T00:00:00Z') });
    expect(s.errors).toEqual([]);
    expect(s).toMatchObject({
      inserted: 0,
      updated: 2,
      unchanged: 1,
      linkedByNumber: 2,
      keptLink: 1,
      waiting: 0,
    });
    const all = await docs(h);
    expect(all).toHaveLength(3);
    const hanako = all.find((d) => d._id === '1000000101') as HihokenshaDoc;
    expect(hanako.nintei?.yokaigodoCode).toBe('23');
    // The export carries the latest consultation only: history is kept.
    expect(hanako.sodanRireki.map((r) => r.uketsukeYmd)).toEqual(['20260602', '20261005']);
    expect(hanako.link?.linkedAt).toBe(NOW.toISOString()); // the link made in April stands
    const tadashi = all.find((d) => d._id === '1000000601')!;
    expect(tadashi.link).toMatchObject({ residentId: 'P-601', method: 'NUMBER' });
    expect(tadashi.pendingLink).toBeUndefined();
  });

  it('keeps groups the mapping does not carry on re-import', async () => {
    const h = await harness(kaigoImport);
    await h.run('full.csv', utf8(GOOD));
    // A second system of the same centre exports identity columns only.
    const narrow = parseMapping(
      {
        silo: 'kaigo',
        columns: {
          hihokenshaBango: '番号',
          residentId: '宛名',
          shimei: '氏名',
          shimeiKana: 'カナ',
          seinengappi: '生年月日',
          jusho: '住所',
        },
        defaults: { tantoHoukatsu: '地域包括支援センター北' },
      },
      kaigoImport,
    );
    const s = await runImport(kaigoImport, h.silo, h.juso, {
      file: 'narrow.csv',
      bytes: utf8(
        '番号,宛名,氏名,カナ,生年月日,住所\n1000000101,P-101,山田 ハナ,ヤマダ ハナ,S18.5.12,さくら町北2-4-8\n',
      ),
      mapping: narrow,
      now: NOW,
    });
    expect(s).toMatchObject({ errors: [], unchanged: 1, updated: 0 });
    const hanako = await h.silo.collection<HihokenshaDoc>(KAIGO_COLLECTION).findOne({ _id: '1000000101' });
    expect(hanako?.nintei?.yokaigodoCode).toBe('22');
    expect(hanako?.careManager?.shimei).toBe('木下 恵子');
  });
});
