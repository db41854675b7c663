import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  convertValue, decodeText, detectDelimiter, inferType, normaliseNumber, parseCsvRecords, parseDateText, readCsv, readJson, readNdjson,
} from '../../src/index.js';

describe('parsing field texts', () => {
  it('parseDateText(text) reads ISO YYYY-MM-DD and French DD/MM/YYYY, rejects days not in the calendar', () => {
    expect(parseDateText('2024-02-29')).toBe('2024-02-29');
    expect(parseDateText('31/01/2024')).toBe('2024-01-31');
    expect(parseDateText('1/2/2024')).toBe('2024-02-01');
    expect(parseDateText('2023-02-29')).toBeNull(); // 2023 is not a leap year
    expect(parseDateText('2024-13-01')).toBeNull();
    expect(parseDateText('01-02-2024')).toBeNull();
  });

  it('normaliseNumber(text, decimal) reads decimal commas with space or dot thousands', () => {
    expect(normaliseNumber('1 234,50', ',')).toBe('1234.50');
    expect(normaliseNumber('1.234,5', ',')).toBe('1234.5');
    expect(normaliseNumber('12.5', ',')).toBe('12.5');
    expect(normaliseNumber('12,5', '.')).toBeNull();
    expect(normaliseNumber('-3e2', '.')).toBe('-3e2');
  });

  it('convertValue(text, spec, decimal) gives canonical text or says why not', () => {
    expect(convertValue('0,055', { type: 'numeric', precision: 6, scale: 4 }, ',')).toBe('0.055');
    expect(convertValue('Oui', { type: 'boolean' }, '.')).toBe('t');
    expect(convertValue('15/09/2019 08:30', { type: 'timestamptz' }, '.')).toBe('2019-09-15 08:30');
    expect(() => convertValue('12345678901', { type: 'integer' }, '.')).toThrow('integer "12345678901" out of range for integer');
    expect(() => convertValue('1000', { type: 'numeric', precision: 6, scale: 4 }, '.')).toThrow('too large for numeric(6,4)');
    expect(() => convertValue('maybe', { type: 'boolean' }, '.')).toThrow('unparsable boolean "maybe"');
  });

  it('inferType(values) picks the narrowest type; codes with leading zeros stay text', () => {
    expect(inferType(['1', '-2', '30'], '.')).toBe('integer');
    expect(inferType(['1', '3000000000'], '.')).toBe('bigint');
    expect(inferType(['1', '2,5'], ',')).toBe('numeric');
    expect(inferType(['true', 'non'], '.')).toBe('boolean');
    expect(inferType(['0', '1'], '.')).toBe('integer');
    expect(inferType(['01/02/2024', '2024-02-03'], '.')).toBe('date');
    expect(inferType(['2024-02-03 10:00', '2024-02-03'], '.')).toBe('timestamptz');
    expect(inferType(['007', '12'], '.')).toBe('text');
    expect(inferType([], '.')).toBe('text');
  });
});

describe('reading files', () => {
  it('decodeText(bytes) reads UTF-8, drops a BOM, falls back to Windows-1252 for Latin-1 exports', () => {
    expect(decodeText(Buffer.from('\ufeffcafé', 'utf8'), 'a.csv')).toBe('café');
    expect(decodeText(iconv.encode('Épinal;0,5 €', 'windows-1252'), 'a.csv')).toBe('Épinal;0,5 €');
    expect(() => decodeText(Buffer.from([0x61, 0x00, 0x62]), 'a.csv')).toThrow('a.csv: undecodable bytes: NUL byte at offset 1');
  });

  it('detectDelimiter(text) picks , ; or tab from the header line, ignoring quoted text', () => {
    expect(detectDelimiter('a,b,c\n')).toBe(',');
    expect(detectDelimiter('a;b;"c,d,e"\n')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
  });

  it('parseCsvRecords(text) handles quoted delimiters, doubled quotes, newlines in quotes and CRLF, with start lines', () => {
    const records = parseCsvRecords('id,note\r\n1,"a, b"\r\n2,"say ""hi"""\n\n3,"two\nlines"\n4,plain\n', ',', 'f.csv');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['id', 'note']],
      [2, ['1', 'a, b']],
      [3, ['2', 'say "hi"']],
      [5, ['3', 'two\nlines']],
      [7, ['4', 'plain']],
    ]);
    expect(records[3].raw).toBe('3,"two\nlines"');
    expect(() => parseCsvRecords('id,note\n1,"open\n', ',', 'f.csv')).toThrow('f.csv, line 2: unterminated quoted field');
  });

  it('readCsv(text) flags rows with a wrong field count and detects the decimal comma', () => {
    const source = readCsv('id;price\n1;2,5\n2\n', 'p.csv');
    expect(source.decimal).toBe(',');
    expect(source.rows[1]).toEqual({ line: 3, raw: '2', values: ['2'], problem: 'wrong field count: got 1, expected 2' });
  });

  it('readCsv(text) drops unnamed trailing columns of exports that end each line with a delimiter', () => {
    const source = readCsv('id;price;\n1;2,5;\n2;3\n3;4;x\n', 'p.csv');
    expect(source.columns).toEqual(['id', 'price']);
    expect(source.rows.map((r) => [r.values, r.problem])).toEqual([
      [['1', '2,5'], undefined],
      [['2', '3'], undefined],
      [['3', '4', 'x'], 'wrong field count: got 3, expected 2'],
    ]);
  });

  it('readJson and readNdjson take columns in order of first appearance, a missing key as null', () => {
    expect(readJson('[{"a":1},{"b":true,"a":"x"}]', 'f.json').rows.map((r) => r.values)).toEqual([['1', null], ['x', 'true']]);
    expect(readNdjson('{"a":1}\n[1]\n', 'f.ndjson').rows.map((r) => r.problem)).toEqual([undefined, 'not a JSON object']);
  });
});
