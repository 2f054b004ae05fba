import { createRequire } from 'node:module';
import type Iconv from 'iconv-lite';

/** A notes file that cannot be read as text; `line` points at the first bad spot. */
export class NotesDecodeError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'NotesDecodeError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** iconv-lite (half a megabyte of code pages) is loaded at the first file that is not UTF-8. */
let iconv: typeof Iconv | undefined;
const cp949 = (bytes: Buffer): string => {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof Iconv;
  return iconv.decode(bytes, 'cp949');
};

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function firstBadUtf8Line(bytes: Buffer): number {
  const loose = new TextDecoder('utf-8').decode(bytes);
  return lineAt(loose, Math.max(0, loose.indexOf('\uFFFD')));
}

// C0 controls other than tab, LF, CR and form feed never appear in notes: they mean binary data.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

/**
 * Turns the bytes of a notes file into text: UTF-8 (with or without BOM), UTF-16 with a BOM,
 * or CP949/EUC-KR, the usual encoding of Korean notes saved on Windows. Anything else is refused
 * rather than read as mojibake. The result is NFC (macOS writes Hangul decomposed) without BOM.
 */
export function decodeNotes(bytes: Buffer): string {
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes);
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes);
  } else if (bytes.includes(0)) {
    const nul = bytes.indexOf(0);
    throw new NotesDecodeError(
      lineAt(bytes.subarray(0, nul).toString('latin1'), nul),
      'binary file (contains NUL bytes): a bank must be a text file of notes',
    );
  } else {
    try {
      text = utf8.decode(bytes);
    } catch {
      text = cp949(bytes);
      if (text.includes('\uFFFD')) {
        throw new NotesDecodeError(
          firstBadUtf8Line(bytes),
          'not valid UTF-8 nor CP949/EUC-KR text: save the file as UTF-8',
        );
      }
    }
  }
  const control = CONTROL.exec(text);
  if (control) {
    throw new NotesDecodeError(
      lineAt(text, control.index),
      `binary data (control character U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}): a bank must be a text file of notes`,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.normalize('NFC');
}
