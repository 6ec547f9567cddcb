/**
 * A deterministic synthetic town for scale work: the same N gives the same residents
 * in every service, so each silo seeds its own records for the same people without
 * talking to the others. Shares follow a small Japanese town (高齢化率 about 35%).
 * Ids (`S-…`, `SH-…`) never collide with the scenario ids (`P-…`, `H-…`).
 */

export interface SyntheticResident {
  id: string;
  householdId: string;
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
  birthDate: string;
  address: string;
  /** 0 none, 1–2 要支援, 3–7 要介護1–5. */
  careLevel: number;
  disability: null | { kind: 'PHYSICAL' | 'INTELLECTUAL' | 'MENTAL'; supportCategory: number };
  childSupport: boolean;
  povertyConsultation: boolean;
  consent: 'GRANTED' | 'REFUSED' | 'UNKNOWN';
}

/** mulberry32: tiny, fast and deterministic (the synthetic town and its workflow history). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = [
  ['佐々木', 'ササキ'],
  ['渡辺', 'ワタナベ'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'],
  ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'],
  ['井上', 'イノウエ'],
  ['木村', 'キムラ'],
] as const;
const GIVEN = [
  ['健', 'ケン'],
  ['花子', 'ハナコ'],
  ['大輝', 'ダイキ'],
  ['さくら', 'サクラ'],
  ['浩', 'ヒロシ'],
  ['陽菜', 'ヒナ'],
  ['茂', 'シゲル'],
  ['美穂', 'ミホ'],
] as const;
const DISTRICTS = ['北', '南', '東', '西', '中央'] as const;

export const SYNTHETIC_SEED = 20261122;

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

export function syntheticResidentId(n: number): string {
  return `S-${String(n).padStart(7, '0')}`;
}

/** Generates `count` residents in households of 1–5, lazily so 150,000 stay cheap. */
export function* syntheticTown(count: number, seed = SYNTHETIC_SEED): Generator<SyntheticResident> {
  const rand = prng(seed);
  let n = 0;
  let household = 0;
  while (n < count) {
    household++;
    const householdId = `SH-${String(household).padStart(6, '0')}`;
    const size = Math.min(count - n, 1 + Math.floor(rand() * rand() * 5));
    const [familyName, familyKana] = pick(rand, FAMILY);
    const address = `さくら町${pick(rand, DISTRICTS)}${1 + Math.floor(rand() * 9)}-${1 + Math.floor(rand() * 30)}-${1 + Math.floor(rand() * 20)}`;
    for (let m = 0; m < size; m++) {
      n++;
      const age = Math.floor(rand() * 95);
      const year = 2026 - age;
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      const [givenName, givenKana] = pick(rand, GIVEN);
      const r = rand();
      const careLevel = age >= 65 && r < 0.19 ? 1 + Math.floor(rand() * 7) : 0;
      const disabled = rand() < 0.07;
      const consentRoll = rand();
      yield {
        id: syntheticResidentId(n),
        householdId,
        familyName,
        givenName,
        familyKana,
        givenKana,
        birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        address,
        careLevel,
        disability: disabled
          ? {
              kind: pick(rand, ['PHYSICAL', 'INTELLECTUAL', 'MENTAL'] as const),
              supportCategory: 1 + Math.floor(rand() * 6),
            }
          : null,
        childSupport: age < 18 && rand() < 0.12,
        povertyConsultation: age >= 18 && rand() < 0.03,
        consent: consentRoll < 0.6 ? 'GRANTED' : consentRoll < 0.75 ? 'REFUSED' : 'UNKNOWN',
      };
    }
  }
}
