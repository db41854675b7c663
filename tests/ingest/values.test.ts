import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  convertValue, decodeText, detectDelimiter, inferType, normaliseNumber, parseCsvRecords, parseDateText, readCsv, readJson, readNdjson,
} from '../../src/index.js';
import { canonicalValue } from '../../src/ingest/values/index.js';
import { typeSpecOf } from '../../src/ingest/table-schema.js';

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
    expect(normaliseNumber('12.5', ',')).toBeNull(); // with a decimal comma, a dot only separates thousands
    expect(normaliseNumber('12,5', '.')).toBeNull();
    expect(normaliseNumber('-3e2', '.')).toBe('-3e2');
  });

  it('normaliseNumber(text, ",") takes a dot as a thousands separator only in a valid grouping, with or without a decimal part', () => {
    expect(normaliseNumber('1.234', ',')).toBe('1234');
    expect(normaliseNumber('1.234,56', ',')).toBe('1234.56');
    expect(normaliseNumber('-1.234.567,8', ',')).toBe('-1234567.8');
    expect(normaliseNumber('1.23', ',')).toBeNull();
    expect(normaliseNumber('1.2345,6', ',')).toBeNull();
    expect(normaliseNumber('1234.567,8', ',')).toBeNull();
    expect(normaliseNumber('.5', ',')).toBeNull();
    expect(convertValue('1.234', { type: 'integer' }, ',')).toBe('1234');
    expect(() => convertValue('1.23', { type: 'numeric' }, ',')).toThrow('unparsable number "1.23"');
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

describe('PostgreSQL input rules', () => {
  const convert = (text: string, sqlType: string) => convertValue(text, typeSpecOf(sqlType), '.');
  const canonical = (text: string, sqlType: string, timeZone?: string) => {
    const spec = { ...typeSpecOf(sqlType), ...(timeZone ? { timeZone } : {}) };
    return canonicalValue(convertValue(text, spec, '.'), spec);
  };

  it('typeSpecOf keeps smallint, real, double precision, uuid, numeric(p,s) and timestamp(p) apart', () => {
    expect(typeSpecOf('smallint')).toEqual({ type: 'smallint' });
    expect(typeSpecOf('double precision')).toEqual({ type: 'double' });
    expect(typeSpecOf('real')).toEqual({ type: 'real' });
    expect(typeSpecOf('uuid')).toEqual({ type: 'uuid' });
    expect(typeSpecOf('numeric(3,-1)')).toEqual({ type: 'numeric', precision: 3, scale: -1 });
    expect(typeSpecOf('timestamp(3) with time zone')).toEqual({ type: 'timestamptz', precision: 3 });
    expect(typeSpecOf('timestamp without time zone')).toEqual({ type: 'timestamp' });
  });

  it('convertValue refuses what PostgreSQL refuses: time fields, year 0, NUL, smallint, uuid, float and numeric overflow', () => {
    expect(() => convert('2024-01-05 25:61', 'timestamp without time zone')).toThrow('timestamp "2024-01-05 25:61" out of range');
    expect(() => convert('2024-01-05 24:00:01', 'timestamp without time zone')).toThrow('out of range');
    expect(() => convert('2024-01-05 10:00+16', 'timestamp with time zone')).toThrow('time zone offset +16');
    expect(convert('2024-01-05 24:00', 'timestamp without time zone')).toBe('2024-01-05 24:00');
    expect(convert('2024-01-05 10:59:60', 'timestamp without time zone')).toBe('2024-01-05 10:59:60');
    expect(() => convert('0000-01-01', 'date')).toThrow('date "0000-01-01" out of range: there is no year 0');
    expect(() => convert('01/01/0000', 'date')).toThrow('there is no year 0');
    expect(convert('0001-01-01', 'date')).toBe('0001-01-01');
    expect(() => convert('a\u0000b', 'text')).toThrow('text "a\\u0000b" contains a NUL character');
    expect(() => convert('40000', 'smallint')).toThrow('integer "40000" out of range for smallint');
    expect(convert('-32768', 'smallint')).toBe('-32768');
    expect(() => convert('not-a-uuid', 'uuid')).toThrow('unparsable uuid "not-a-uuid"');
    expect(convert('{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}', 'uuid')).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    expect(() => convert('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', 'uuid')).toThrow('unparsable uuid');
    expect(() => convert('1e400', 'double precision')).toThrow('number "1e400" out of range for double precision');
    expect(() => convert('1e-400', 'double precision')).toThrow('out of range for double precision');
    expect(() => convert('1e39', 'real')).toThrow('number "1e39" out of range for real');
    expect(convert('-Infinity', 'double precision')).toBe('-Infinity');
    expect(convert('nan', 'real')).toBe('NaN');
    expect(() => convert('9999999999.999', 'numeric(12,2)')).toThrow('number "9999999999.999" too large for numeric(12,2) (it rounds to 10000000000.00)');
    expect(convert('9999999999.994', 'numeric(12,2)')).toBe('9999999999.994');
    expect(() => convert('12345', 'numeric(3,-1)')).toThrow('too large for numeric(3,-1)');
    expect(() => convert('1e131072', 'numeric')).toThrow('out of range for numeric');
    expect(() => convert('1e-16384', 'numeric')).toThrow('out of range for numeric');
  });

  it('convertValue takes the whole range of each integer type, compared exactly', () => {
    expect(convert('-2147483648', 'integer')).toBe('-2147483648');
    expect(() => convert('2147483648', 'integer')).toThrow('out of range for integer');
    expect(convert('9007199254740993', 'bigint')).toBe('9007199254740993');
    expect(convert('-9223372036854775808', 'bigint')).toBe('-9223372036854775808');
    expect(() => convert('9223372036854775808', 'bigint')).toThrow('out of range for bigint');
    expect(convert('+0001', 'integer')).toBe('1');
    expect(convert('-0', 'integer')).toBe('0');
    expect(inferType(['-2147483648', '5'], '.')).toBe('integer');
  });

  it('canonicalValue is one text per value PostgreSQL stores: numerics normalised and rounded, timestamps ISO (UTC for timestamptz)', () => {
    expect(new Set(['1.0', '1.00', '+1', '1e0', '0.10e1'].map((v) => canonical(v, 'numeric'))).size).toBe(1);
    expect(canonical('3.50', 'numeric')).toBe(canonical('3.5', 'numeric'));
    expect(canonical('3.54', 'numeric(12,1)')).toBe(canonical('3.5', 'numeric(12,1)'));
    expect(canonical('3.55', 'numeric(12,1)')).not.toBe(canonical('3.5', 'numeric(12,1)'));
    expect(canonical('1e0', 'double precision')).toBe(canonical('1.000', 'double precision'));
    expect(canonical('2024-01-05 10:00', 'timestamp without time zone')).toBe('2024-01-05T10:00:00');
    expect(canonical('2024-01-05T10:00:00', 'timestamp without time zone')).toBe('2024-01-05T10:00:00');
    expect(canonical('2024-01-05 10:00+05', 'timestamp without time zone')).toBe('2024-01-05T10:00:00'); // the offset is ignored
    expect(canonical('2024-01-05 11:00+01', 'timestamp with time zone')).toBe('2024-01-05T10:00:00Z');
    expect(canonical('2024-01-05 23:59:60.5', 'timestamp with time zone')).toBe('2024-01-06T00:00:00.5Z');
    expect(canonical('2024-01-05 10:00:00.9999995', 'timestamp without time zone')).toBe('2024-01-05T10:00:01');
    expect(canonical('2024-01-05 10:00:00.5', 'timestamp(0) without time zone')).toBe('2024-01-05T10:00:01');
    expect(canonical('1999-01-05 10:00:00.5', 'timestamp(0) without time zone')).toBe('1999-01-05T10:00:00');
    // a text without an offset is read in the session's zone, as PostgreSQL reads it
    expect(canonical('2024-01-05 10:00', 'timestamp with time zone', 'Europe/Paris')).toBe('2024-01-05T09:00:00Z');
    expect(canonical('2024-03-31 02:30', 'timestamp with time zone', 'Europe/Paris')).toBe('2024-03-31T01:30:00Z');
    expect(canonical('2024-10-27 02:30', 'timestamp with time zone', 'Europe/Paris')).toBe('2024-10-27T01:30:00Z');
    expect(canonical('2024-03-10 02:30', 'timestamp with time zone', 'America/New_York')).toBe('2024-03-10T07:30:00Z');
    expect(canonical('2024-11-03 01:30', 'timestamp with time zone', 'America/New_York')).toBe('2024-11-03T06:30:00Z');
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
      [['3', '4', 'x'], 'wrong field count: got 3, expected 2 (column 3 of the header has no name)'],
    ]);
  });

  it('readJson and readNdjson take columns in order of first appearance, a missing key as null', () => {
    expect(readJson('[{"a":1},{"b":true,"a":"x"}]', 'f.json').rows.map((r) => r.values)).toEqual([['1', null], ['x', 'true']]);
    expect(readNdjson('{"a":1}\n[1]\n', 'f.ndjson').rows.map((r) => r.problem)).toEqual([undefined, 'not a JSON object']);
  });
});
