/**
 * Decoding an agency's export. Most Japanese municipal systems write Shift_JIS, in
 * practice Microsoft's CP932 (NEC/IBM extensions such as ①, ㈱, 髙, 﨑); newer ones
 * write UTF-8, with or without a BOM.
 *
 * Detection (`auto`) does not guess from statistics: a file that is valid UTF-8 is
 * read as UTF-8 (Japanese text in CP932 is practically never valid UTF-8, and pure
 * ASCII reads the same either way); anything else is read as CP932 and refused if
 * it holds bytes CP932 cannot decode (EUC-JP, UTF-16, a binary file).
 */
import iconv from 'iconv-lite';
import { ImportFileError } from '../shared/import/errors';

export const ENCODINGS = ['utf8', 'cp932'] as const;
export type EncodingName = (typeof ENCODINGS)[number];
export type EncodingOption = EncodingName | 'auto';

export function isEncodingOption(value: string): value is EncodingOption {
  return value === 'auto' || (ENCODINGS as readonly string[]).includes(value);
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** 1-based line of the first U+FFFD in text, for a message the agency can act on. */
function lineOfReplacement(text: string): number {
  const at = text.indexOf('\uFFFD');
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export interface Decoded {
  text: string;
  encoding: EncodingName;
}

export function decodeExport(bytes: Buffer, option: EncodingOption, file = 'input'): Decoded {
  if (option !== 'cp932') {
    // The decoder drops a UTF-8 BOM (Excel's 「CSV UTF-8」 writes one).
    const text = decodeUtf8(bytes);
    if (text !== null) return { text, encoding: 'utf8' };
    if (option === 'utf8')
      throw new ImportFileError(`${file}: not valid UTF-8 (is it Shift_JIS? try --encoding cp932 or auto)`);
  }
  const text = iconv.decode(bytes, 'cp932');
  if (text.includes('\uFFFD'))
    throw new ImportFileError(
      `${file}:${lineOfReplacement(text)}: bytes that are neither UTF-8 nor Shift_JIS (CP932); ` +
        'export the file as UTF-8 or Shift_JIS',
    );
  return { text, encoding: 'cp932' };
}
