/**
 * Normal forms used to compare identities across record systems. Each agency writes
 * kana and addresses its own way (half-width katakana from old systems, hiragana,
 * small kana written large, ー or ウ for a long vowel, 丁目 or a hyphen); two records
 * of one person must compare equal after normalisation.
 */

/** Katakana of each vowel row, for turning a long vowel mark into the vowel it lengthens. */
const VOWEL_ROWS: Record<string, string> = {
  ア: 'アカガサザタダナハバパマヤラワ',
  イ: 'イキギシジチニヒビピミリ',
  ウ: 'ウクグスズツヌフブプムユル',
  エ: 'エケゲセゼテデネヘベペメレ',
  オ: 'オコゴソゾトドノホボポモヨロ',
};
const VOWEL_OF = new Map<string, string>();
for (const [vowel, row] of Object.entries(VOWEL_ROWS)) for (const ch of row) VOWEL_OF.set(ch, vowel);

/** Small kana written large (ァ→ア, ッ→ツ …) and old or variant kana to their usual form. */
const FOLD: Record<string, string> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ッ: 'ツ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
  ヂ: 'ジ',
  ヅ: 'ズ',
  ヰ: 'イ',
  ヱ: 'エ',
  ヲ: 'オ',
  ヴ: 'ブ',
};

/** Hiragana (ぁ–ゖ) to katakana; everything else unchanged. */
export function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/**
 * A kana name as the agency's record should store it: full-width katakana (NFKC turns
 * half-width ｶﾞ into ガ), hiragana as katakana, one ASCII space between parts.
 */
export function cleanKana(s: string): string {
  return toKatakana(s.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

/** Is this (after cleanKana) a kana name: katakana, long vowel marks, spaces and ・ only? */
export function isKanaName(s: string): boolean {
  return /^[\u30A1-\u30FA\u30FC・ ]+$/.test(s);
}

/**
 * The key two kana names are compared by: full/half width, hiragana/katakana, small
 * kana, ヂ/ジ and ヅ/ズ, spaces and ・ do not matter; a long vowel mark ー counts as the
 * vowel it lengthens, and オウ/オオ, エイ/エエ as the same long vowel (サトウ = サトー =
 * サトオ, ユウコ = ユーコ, ケイコ = ケーコ).
 */
export function normaliseKana(s: string): string {
  const folded = [...cleanKana(s)]
    .map((ch) => FOLD[ch] ?? ch)
    .filter((ch) => /[\u30A1-\u30FA\u30FC]/.test(ch));
  const out: string[] = [];
  for (const ch of folded) {
    const prev = out[out.length - 1];
    const prevVowel = prev === undefined ? undefined : VOWEL_OF.get(prev);
    if (ch === 'ー') {
      // A mark after ン or at the start lengthens nothing we can name: drop it.
      if (prevVowel) out.push(prevVowel);
      continue;
    }
    if (ch === 'ウ' && prevVowel === 'オ') out.push('オ');
    else if (ch === 'イ' && prevVowel === 'エ') out.push('エ');
    else out.push(ch);
  }
  return out.join('');
}

const KANJI_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 二十三 → 23 (1–99, as in 丁目 and 番地). */
function kanjiNumber(s: string): string {
  const [tens, ones] = s.includes('十') ? s.split('十') : ['', s];
  const t = tens === '' ? (s.includes('十') ? 1 : 0) : (KANJI_DIGITS[tens as string] ?? 0);
  const o = ones ? (KANJI_DIGITS[ones] ?? 0) : 0;
  return String(t * 10 + o);
}

/**
 * The key two addresses are compared by: NFKC (full-width digits), no spaces, 丁目 /
 * 番地 / 番 / 号 / の and dash variants as one hyphen, kanji numerals before them as
 * digits: 「さくら町北二丁目４番８号」 = 「さくら町北2-4-8」.
 */
export function normaliseAddress(s: string): string {
  return (
    s
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/([一二三四五六七八九十]+)(?=丁目|番地|番|号)/g, (n) => kanjiNumber(n))
      .replace(/(\d)(丁目|番地|番|号|の|之)/g, '$1-')
      // Hyphen-like marks between digits: ‐ ‑ ‒ – — ― − ー (often typed for a hyphen).
      .replace(/(\d)[\u2010-\u2015\u2212\u30FC\uFF70-](?=\d)/g, '$1-')
      .replace(/-+$/, '')
  );
}
