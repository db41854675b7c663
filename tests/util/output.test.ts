import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOutput, OptionError } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-checkoutput-'));

describe('checkOutput(path, option)', () => {
  it('checkOutput(a/b/c.csv).write(text) creates the missing folders only when writing, and leaves no temporary file', () => {
    const path = join(dir, 'a', 'b', 'c.csv');
    const out = checkOutput(path);
    expect(existsSync(join(dir, 'a'))).toBe(false); // nothing created by the check itself
    out.write('unique_id,ds,y\n');
    expect(readFileSync(path, 'utf8')).toBe('unique_id,ds,y\n');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['c.csv']);
  });

  it('checkOutput(existing file).write replaces it whole', () => {
    const path = join(dir, 'old.csv');
    writeFileSync(path, 'old content that is longer than the new one\n');
    checkOutput(path).write('new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
  });

  it('checkOutput(folder, option) throws an OptionError naming the option and the path', () => {
    expect(() => checkOutput(dir, '--out')).toThrow(OptionError);
    expect(() => checkOutput(dir, '--report')).toThrow(/^--report: got ".*kpicast-checkoutput-\w+" \(is a folder\), allowed: a file path$/);
    expect(() => checkOutput('')).toThrow(/^--out: got "", allowed: a file path$/);
  });

  it('checkOutput(file/x.csv) names the file that stands where a folder should be', () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    expect(() => checkOutput(join(file, 'deeper', 'x.csv'))).toThrow(/\(.*plain\.txt is a file, not a folder\), allowed: a file path in a folder$/);
  });
});
