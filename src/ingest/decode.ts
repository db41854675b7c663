import iconv from 'iconv-lite';
import { InputError, OptionError } from '../errors.js';

/**
 * The text of a file's bytes: UTF-8 (a BOM is dropped), else Windows-1252 — the superset of
 * Latin-1 French exports use — when the bytes are not valid UTF-8. An explicit `encoding`
 * (any iconv-lite name) wins. Binary content (NUL bytes) or bytes undefined in the encoding
 * are an error naming the byte offset.
 *
 * @example
 * decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'a.csv'); // => 'café' (read as Windows-1252)
 */
export function decodeText(bytes: Uint8Array, file: string, encoding?: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0 && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(`undecodable bytes: NUL byte at offset ${nul}, the file looks binary, not text`, { file });
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding !== undefined) {
    if (!iconv.encodingExists(encoding)) throw new OptionError('encoding', encoding, 'utf-8, windows-1252, latin1 or any iconv-lite encoding');
    if (/^utf-?8$/i.test(encoding)) return strictUtf8(buffer, file);
    return checked(iconv.decode(buffer, encoding), file, encoding);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checked(iconv.decode(buffer, 'utf-16le'), file, 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checked(iconv.decode(buffer, 'utf-16be'), file, 'UTF-16BE');
  try {
    return strictUtf8(buffer, file);
  } catch {
    // Not valid UTF-8: a Latin-1 / Windows-1252 export, unless the file also holds valid UTF-8
    // multi-byte characters — then it mixes both (a UTF-8 file with a few Latin-1 bytes pasted
    // in), and reading it all as Windows-1252 would silently turn every "é" into "Ã©".
    const invalid = firstInvalidUtf8(buffer);
    const utf8 = firstUtf8Sequence(buffer);
    if (utf8 >= 0) {
      const a = placeOf(buffer, utf8);
      const b = placeOf(buffer, invalid);
      throw new InputError(
        `undecodable bytes: mixed encodings: a UTF-8 character at line ${a.line}, column ${a.column}, and byte 0x${buffer[invalid].toString(16).toUpperCase()} invalid in UTF-8 at line ${b.line}, column ${b.column}; re-export the file in one encoding, or pass --encoding windows-1252 or utf-8`,
        { file },
      );
    }
    return checked(iconv.decode(buffer, 'windows-1252'), file, 'UTF-8 nor Windows-1252');
  }
}

/** Offset of the first valid UTF-8 multi-byte sequence, or -1. */
function firstUtf8Sequence(buffer: Buffer): number {
  for (let i = 0; i < buffer.length; i++) {
    const b = buffer[i];
    if (b < 0xc2 || b >= 0xf5) continue;
    const need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
    let ok = i + need < buffer.length;
    for (let k = 1; ok && k <= need; k++) if ((buffer[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) return i;
  }
  return -1;
}

/** 1-based line and column (in bytes) of a byte offset. */
function placeOf(buffer: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (buffer[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function strictUtf8(buffer: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    const at = firstInvalidUtf8(buffer);
    const { line, column } = placeOf(buffer, at);
    throw new InputError(`undecodable bytes: invalid UTF-8 at line ${line}, column ${column} (byte offset ${at})`, { file });
  }
}

function checked(text: string, file: string, encoding: string): string {
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) throw new InputError(`undecodable bytes: character ${bad} is not valid ${encoding}`, { file });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstInvalidUtf8(buffer: Buffer): number {
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= buffer.length || (buffer[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}
