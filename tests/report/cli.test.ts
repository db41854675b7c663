import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSampleWarehouse } from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import { distinctColours, pngSignature, pngSize } from '../charts/pngPixels.js';

describe('kpicast report --out <dir>', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'kpicast-report-db-')), 'db');
  beforeAll(async () => {
    const warehouse = await openSampleWarehouse(db);
    await warehouse.close();
  }, 300_000);

  it('writes index.html and one real PNG per chart from the warehouse, and prints the page path', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kpicast-report-out-')), 'report');
    const printed: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true));
    let code: number;
    try {
      code = await runCli(['node', 'kpicast', '--quiet', '--db', db, 'report', '--out', out, '--locale', 'fr']);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    expect(printed.join('')).toBe(`${join(out, 'index.html')}\n`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<html lang="fr">');
    for (const name of ['revenue', 'stores', 'missions-forecast', 'missions-models', 'missions-weekdays']) {
      const file = join(out, 'charts', `${name}.png`);
      expect(existsSync(file), file).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
      expect(pngSize(png)).toEqual({ width: 2000, height: 1000 }); // 1000 × 500 at scale 2 (writeReport defaults)
    }
    expect(await distinctColours(readFileSync(join(out, 'charts', 'missions-forecast.png')))).toBeGreaterThan(50);
  }, 180_000);

  it('says to build first when the marts are missing', async () => {
    const empty = join(mkdtempSync(join(tmpdir(), 'kpicast-report-empty-')), 'db');
    expect(await runCli(['node', 'kpicast', '--quiet', '--db', empty, 'report', '--out', join(empty, 'r'), '--no-png'])).toBe(1);
  });
});
