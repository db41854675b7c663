/**
 * Runs every notebook in notebooks/ top to bottom in real Jupyter with the tslab
 * kernel (`jupyter nbconvert --to notebook --execute`) and fails on any error
 * output or anything written to stderr. How long they take is not a test (a busy machine runs
 * the suite); the cell and process timeouts are there only so a hung kernel fails the test.
 * Notebooks import the built library (`npm run build` first: `npm test` does).
 * They share one embedded warehouse, prepared once here from the committed sample
 * (as the notebooks' first cell would on a fresh clone) and passed as $KPICAST_DB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSampleWarehouse } from '../../src/index.js';

const root = resolve(import.meta.dirname, '../..');
const notebooksDir = join(root, 'notebooks');
const notebooks = readdirSync(notebooksDir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
  data?: Record<string, string | string[]>;
}
interface Notebook {
  cells: Array<{ cell_type: string; source: string | string[]; outputs?: Output[] }>;
  metadata: { kernelspec?: { name: string } };
}

function tslabKernelInstalled(): boolean {
  const script = 'from jupyter_client.kernelspec import KernelSpecManager as K; import sys; sys.exit(0 if "tslab" in K().find_kernel_specs() else 1)';
  return spawnSync('/usr/bin/python3', ['-c', script]).status === 0;
}

const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join('') : (value ?? ''));

describe('notebooks/*.ipynb', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'kpicast-nb-db-')), 'db');
  beforeAll(async () => {
    const warehouse = await openSampleWarehouse(db);
    await warehouse.close();
  }, 300_000);

  it('are the five notebooks, committed without outputs, on the tslab kernel', () => {
    expect(notebooks).toEqual([
      '01-warehouse-tour.ipynb',
      '02-retail-kpis.ipynb',
      '03-missions-forecast.ipynb',
      '04-sales-forecast.ipynb',
      '05-stock-and-supply.ipynb',
    ]);
    for (const file of notebooks) {
      const nb = JSON.parse(readFileSync(join(notebooksDir, file), 'utf8')) as Notebook;
      expect(nb.metadata.kernelspec?.name, file).toBe('tslab');
      expect(nb.cells.filter((c) => (c.outputs ?? []).length > 0).length, `${file} has outputs`).toBe(0);
      expect(nb.cells.filter((c) => c.cell_type === 'markdown').length, `${file} narrates`).toBeGreaterThanOrEqual(3);
    }
  });

  it('the tslab kernel and the built library are there', () => {
    expect(tslabKernelInstalled(), 'no tslab Jupyter kernel: run `npx tslab install --python=/usr/bin/python3` (needs apt-get install jupyter-nbconvert python3-nbclient python3-ipython)').toBe(true);
    expect(existsSync(join(root, 'dist/src/index.js')), 'no dist/: run `npm run build` first').toBe(true);
  });

  it.each(notebooks)('%s runs top to bottom in Jupyter with no error output', (file) => {
    const out = mkdtempSync(join(tmpdir(), 'kpicast-nb-'));
    // the kernel spec starts `tslab`: put the project's node_modules/.bin first on PATH
    const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, KPICAST_DB: db };
    try {
      execFileSync(
        'jupyter',
        ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=600', '--output-dir', out, '--output', file, join(notebooksDir, file)],
        { cwd: notebooksDir, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 },
      );
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
      const lines = stderr.split('\n').filter((l) => l.trim() !== '');
      throw new Error(`${file} failed to execute:\n${lines.slice(-25).join('\n')}`);
    }
    const executed = JSON.parse(readFileSync(join(out, file), 'utf8')) as Notebook;
    const problems: string[] = [];
    executed.cells.forEach((cell, i) => {
      for (const output of cell.outputs ?? []) {
        if (output.output_type === 'error') problems.push(`cell ${i + 1}: ${output.ename}: ${output.evalue}`);
        if (output.output_type === 'stream' && output.name === 'stderr') problems.push(`cell ${i + 1} stderr: ${text(output.text).slice(0, 500)}`);
        // a table or chart fed the wrong shape shows JavaScript's default object text
        const html = text(output.data?.['text/html']);
        if (/>\[object Object\]</.test(html)) problems.push(`cell ${i + 1}: HTML output shows [object Object]`);
      }
    });
    expect(problems).toEqual([]);
  }, 960_000);
});
