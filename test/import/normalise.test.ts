import { cleanKana, isKanaName, normaliseAddress, normaliseKana } from '../../import';

describe('kana normal form', () => {
  it.each([
    ['half-width katakana', 'ｻﾄｳ ﾄｼｺ', 'サトウ トシコ'],
    ['hiragana', 'さとう としこ', 'サトウ トシコ'],
    ['ideographic space and none', 'サトウ　トシコ', 'サトウトシコ'],
    ['long vowel mark for ウ', 'サトー トシコ', 'サトウ トシコ'],
    ['オオ for オウ', 'サトオ トシコ', 'サトウ トシコ'],
    ['ユー / ユウ', 'ユーコ', 'ユウコ'],
    ['ケー / ケイ', 'ケーコ', 'ケイコ'],
    ['small kana', 'キッカワ ジュン', 'キツカワ ジユン'],
    ['small ャ written large', 'キャメロン', 'キヤメロン'],
    ['ヅ / ズ', 'チヅル', 'チズル'],
    ['ヂ / ジ', 'ハナヂ', 'ハナジ'],
    ['middle dot', 'スミス・ジョン', 'スミス ジョン'],
    ['half-width voiced', 'ｶﾞｸ', 'ガク'],
  ])('%s: %s = %s', (_what, a, b) => {
    expect(normaliseKana(a)).toBe(normaliseKana(b));
  });

  it('keeps different names apart', () => {
    expect(normaliseKana('サトウ トシコ')).not.toBe(normaliseKana('サイトウ トシコ'));
    expect(normaliseKana('オノ')).not.toBe(normaliseKana('オオノ'));
  });

  it('cleans kana for storage as full-width katakana and checks it', () => {
    expect(cleanKana(' ﾔﾏﾀﾞ　ﾊﾅ ')).toBe('ヤマダ ハナ');
    expect(cleanKana('やまだ はな')).toBe('ヤマダ ハナ');
    expect(isKanaName(cleanKana('ヤマダ ハナ'))).toBe(true);
    expect(isKanaName(cleanKana('山田 ハナ'))).toBe(false);
    expect(isKanaName(cleanKana('Yamada'))).toBe(false);
  });
});

describe('address normal form', () => {
  it.each([
    ['さくら町北2丁目4番8号', 'さくら町北2-4-8'],
    ['さくら町北二丁目4番8号', 'さくら町北2-4-8'],
    ['さくら町北２－４－８', 'さくら町北2-4-8'],
    ['さくら町北 2ー4ー8', 'さくら町北2-4-8'],
    ['さくら町北2-4の8', 'さくら町北2-4-8'],
    ['さくら町中央十二丁目3番地', 'さくら町中央12-3'],
  ])('%s = %s', (a, b) => {
    expect(normaliseAddress(a)).toBe(normaliseAddress(b));
  });

  it('keeps different addresses apart', () => {
    expect(normaliseAddress('さくら町北2-4-8')).not.toBe(normaliseAddress('さくら町北2-4-18'));
  });
});
