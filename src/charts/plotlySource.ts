import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { KpicastError } from '../errors.js';

let cached: string | undefined;

/** Path of the plotly.js bundle shipped by the plotly.js-dist package. */
export function plotlyPath(): string {
  try {
    return createRequire(import.meta.url).resolve('plotly.js-dist/plotly.js');
  } catch {
    throw new KpicastError('plotlyPath: package plotly.js-dist not found; install it with `npm install plotly.js-dist`');
  }
}

/**
 * The plotly.js library source (about 10 MB), read once per process and kept.
 * Inlined in HTML so charts draw with no network.
 */
export function plotlySource(): string {
  cached ??= readFileSync(plotlyPath(), 'utf8');
  return cached;
}
