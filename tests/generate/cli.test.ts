import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { sampleFiles } from '../../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'kpicast-generate-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the CLI in this process, capturing stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(['node', 'kpicast', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('kpicast generate', () => {
  it('kpicast generate --out <dir> --scale 0.05 writes every file, lists them on stdout and a line per file on stderr', async () => {
    const out = join(scratch, 'small');
    const { code, stdout, stderr } = await cli('generate', '--out', out, '--scale', '0.05', '--seed', '7');
    expect(code).toBe(0);
    for (const { file } of sampleFiles) expect(existsSync(join(out, file)), file).toBe(true);
    expect(stdout).toMatch(/seed 7, scale 0\.05, 2023-01-02\.\.2025-12-28/);
    expect(stdout).toMatch(/^order_lines\.parquet\s+order_lines\s+\d+ rows/m);
    expect(stdout).toMatch(/13 files, [\d.]+ [kM]B, 3 deliberately bad rows/);
    expect(stderr.match(/^✓ generate \S+ {2}[\d,]+ rows, .+ {2}\d/gm)).toHaveLength(sampleFiles.length);
  });

  it('kpicast generate with a bad --scale or --seed exits 1 with one line naming the option', async () => {
    const scale = await cli('generate', '--out', join(scratch, 'bad'), '--scale', 'big');
    expect(scale.code).toBe(1);
    expect(scale.stderr).toBe('kpicast: generate --scale: got "big", allowed: a number above 0 and at most 20\n');
    const seed = await cli('generate', '--out', join(scratch, 'bad'), '--seed', '-3');
    expect(seed.code).toBe(1);
    expect(seed.stderr).toBe('kpicast: generate --seed: got "-3", allowed: an integer from 0 to 4294967295\n');
  });
});
