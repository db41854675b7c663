import { describe, expect, it } from 'vitest';
import { InputError, KpicastError, OptionError } from '../src/index.js';

describe('errors', () => {
  it('OptionError keeps got, allowed and reason as fields, and renamed(flag) changes only the option', () => {
    const error = new OptionError('key', 'id,id', 'distinct columns of the file', 'column "id" given twice');
    expect([error.option, error.got, error.allowed, error.reason]).toEqual(['key', 'id,id', 'distinct columns of the file', 'column "id" given twice']);
    const flag = error.renamed('--key');
    expect(flag).toBeInstanceOf(OptionError);
    expect(flag.message).toBe('--key: got "id,id" (column "id" given twice), allowed: distinct columns of the file');
    expect(flag.got).toBe('id,id');
    expect(flag.code).toBe('E_OPTION');
  });

  it('InputError takes a code and clips a column name', () => {
    const error = new InputError('bad', { file: 'f.csv', line: 2, column: 'c'.repeat(500) }, 'E_DATE');
    expect(error).toBeInstanceOf(KpicastError);
    expect(error.code).toBe('E_DATE');
    expect(error.message).toBe(`f.csv, line 2, column ${'c'.repeat(80)}… (500 characters): bad`);
    expect(new InputError('x').code).toBe('E_INPUT');
  });
});
