/**
 * The fields a silo accepts from an export, each a small parser from the agency's
 * text to the native value. A silo's import definition lists them; the mapping file
 * says which header of the agency's CSV feeds which field, and how its codes read.
 */
import { parseNativeDate } from './dates';
import { FieldError } from './errors';
import { cleanKana, isKanaName } from './normalise';

export type FieldKind = 'text' | 'kana' | 'date' | 'code' | 'integer' | 'flag' | 'list';

/** What a field's parser gets beside the raw text: the mapping's code table for it. */
export interface ParseContext {
  /** Agency value → native code, from the mapping file's `codes`. */
  codes?: Readonly<Record<string, string>>;
}

export interface FieldSpec<T, R extends boolean = boolean> {
  readonly kind: FieldKind;
  /** The field as the agency knows it, e.g. 被保険者番号; shown in docs and errors. */
  readonly label: string;
  readonly required: R;
  /** For code fields: the native codes and what they mean. */
  readonly codes?: Readonly<Record<string, string>>;
  /** Parses a non-empty, trimmed value; throws FieldError. */
  parse(raw: string, ctx: ParseContext): T;
}

export type AnyFieldSpec = FieldSpec<unknown>;
export type FieldSpecs = Record<string, AnyFieldSpec>;

/** The typed values of one row: required fields present, optional ones maybe undefined. */
export type RowValues<F extends FieldSpecs> = {
  [K in keyof F]: F[K] extends FieldSpec<infer T, infer R> ? (R extends true ? T : T | undefined) : never;
};

interface BaseOptions<R extends boolean> {
  label: string;
  required?: R;
}

function spec<T, R extends boolean>(
  kind: FieldKind,
  opts: BaseOptions<R>,
  parse: (raw: string, ctx: ParseContext) => T,
  codes?: Readonly<Record<string, string>>,
): FieldSpec<T, R> {
  return { kind, label: opts.label, required: (opts.required ?? false) as R, codes, parse };
}

/** Free text, optionally checked against a pattern (e.g. a 10-digit 被保険者番号). */
export function text<R extends boolean = false>(
  opts: BaseOptions<R> & { pattern?: RegExp; hint?: string; maxLength?: number },
): FieldSpec<string, R> {
  return spec('text', opts, (raw) => {
    const value = raw;
    if (opts.pattern && !opts.pattern.test(value))
      throw new FieldError(`"${raw}" is not a valid ${opts.label}${opts.hint ? ` (${opts.hint})` : ''}`);
    if (opts.maxLength && value.length > opts.maxLength)
      throw new FieldError(`longer than ${opts.maxLength} characters`);
    return value;
  });
}

/** A number-like identifier: full-width digits become ASCII (NFKC), then the pattern applies. */
export function identifier<R extends boolean = false>(
  opts: BaseOptions<R> & { pattern: RegExp; hint: string },
): FieldSpec<string, R> {
  return spec('text', opts, (raw) => {
    const value = raw.normalize('NFKC').replace(/\s+/g, '');
    if (!opts.pattern.test(value))
      throw new FieldError(`"${raw}" is not a valid ${opts.label} (${opts.hint})`);
    return value;
  });
}

/** A name in kana, stored as full-width katakana (half-width and hiragana accepted). */
export function kana<R extends boolean = false>(opts: BaseOptions<R>): FieldSpec<string, R> {
  return spec('kana', opts, (raw) => {
    const value = cleanKana(raw);
    if (!isKanaName(value)) throw new FieldError(`"${raw}" is not a name in kana`);
    return value;
  });
}

/** A date in any supported form (和暦, 元号コード, 西暦), stored as native YYYYMMDD. */
export function date<R extends boolean = false>(opts: BaseOptions<R>): FieldSpec<string, R> {
  return spec('date', opts, (raw) => parseNativeDate(raw));
}

/**
 * One of the silo's native codes. The agency's own values are translated by the
 * mapping's code table first; a value that already is a native code is accepted.
 */
export function code<C extends string, R extends boolean = false>(
  opts: BaseOptions<R> & { codes: Readonly<Record<C, string>> },
): FieldSpec<C, R> {
  const known = opts.codes as Readonly<Record<string, string>>;
  return spec(
    'code',
    opts,
    (raw, ctx) => {
      const value = raw.normalize('NFKC').trim();
      const mapped = ctx.codes?.[raw] ?? ctx.codes?.[value] ?? value;
      if (!Object.hasOwn(known, mapped)) {
        const agency = ctx.codes ? Object.keys(ctx.codes).join(', ') : '';
        throw new FieldError(
          `unknown ${opts.label} "${raw}" (expected ${agency ? `one of ${agency}, or ` : ''}a native code: ${Object.keys(known).join(', ')})`,
        );
      }
      return mapped as C;
    },
    known,
  );
}

/** A whole number: full-width digits, thousands separators and a trailing 円 accepted. */
export function integer<R extends boolean = false>(
  opts: BaseOptions<R> & { min?: number; max?: number },
): FieldSpec<number, R> {
  return spec('integer', opts, (raw) => {
    const value = raw.normalize('NFKC').replace(/[,\s]/g, '').replace(/円$/, '');
    if (!/^-?\d+$/.test(value)) throw new FieldError(`"${raw}" is not a whole number`);
    const n = Number(value);
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max))
      throw new FieldError(`${n} is outside ${opts.min ?? '…'}–${opts.max ?? '…'}`);
    return n;
  });
}

const TRUE_VALUES = new Set(['1', 'true', 'yes', 'y', '有', 'あり', '有り', 'はい', '○', '〇', '◯', '該当']);
const FALSE_VALUES = new Set(['0', 'false', 'no', 'n', '無', 'なし', '無し', 'いいえ', '×', '-', '非該当']);

/** Yes/no; the mapping's code table may name the agency's own words (e.g. "対応中": "1"). */
export function flag<R extends boolean = false>(opts: BaseOptions<R>): FieldSpec<boolean, R> {
  return spec('flag', opts, (raw, ctx) => {
    const value = (ctx.codes?.[raw] ?? raw).normalize('NFKC').trim().toLowerCase();
    if (TRUE_VALUES.has(value)) return true;
    if (FALSE_VALUES.has(value)) return false;
    throw new FieldError(`"${raw}" is not yes/no (1/0, 有/無, あり/なし, ○/×)`);
  });
}

/** Several values in one cell, separated by 、 , ; ； / or | ; the code table may rename each. */
export function list<R extends boolean = false>(opts: BaseOptions<R>): FieldSpec<string[], R> {
  return spec('list', opts, (raw, ctx) =>
    raw
      .split(/[、,;；/／|｜]/)
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => ctx.codes?.[v] ?? v),
  );
}

/** The label of each code in a native code table (`{ '22': { label: '要介護2', … } }` → `{ '22': '要介護2' }`). */
export function labelsOf<C extends string>(table: Record<C, { label: string }>): Record<C, string> {
  return Object.fromEntries(
    Object.entries<{ label: string }>(table).map(([c, { label }]) => [c, label]),
  ) as Record<C, string>;
}
