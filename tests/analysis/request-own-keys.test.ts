/**
 * `--filter __proto__=x` was silently ignored and the unfiltered total returned (issue 13): an
 * assignment `filters['__proto__'] = ...` sets the prototype instead of a key. Every name of a
 * request (filters, by, metrics, a built-in model) is looked up as an own property: Object.prototype's
 * names (`constructor`, `toString`, `__proto__`) are unknown dimensions, refused with the valid ones.
 */
import { describe, expect, it } from 'vitest';
import { builtinModel, compileKpis, dimensionNames, retail, validateRequest, type KpiRequest } from '../../src/index.js';
import { filterOption } from '../../src/cli/kpi.js';
import { runCli } from '../../src/cli/main.js';

const valid = dimensionNames(retail).join(', ');
const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('validateRequest(model, request) looks names up as own properties', () => {
  it.each(PROTO_NAMES)('a filter on %s (an own key, as JSON.parse gives it) is an unknown dimension', (name) => {
    const filters = JSON.parse(`{${JSON.stringify(name)}: ["x"]}`) as KpiRequest['filters'];
    expect(() => validateRequest(retail, { metrics: ['revenue'], filters })).toThrow(`filter on unknown dimension ${JSON.stringify(name)} for model retail, valid: ${valid}`);
  });

  it('a filters object whose prototype a __proto__ key replaced is refused, not read as no filter', () => {
    // The literal sets the prototype, as the CLI's assignment filters["__proto__"] = [...] did
    const filters = { __proto__: ['x'] } as unknown as KpiRequest['filters'];
    expect(Object.keys(filters!)).toEqual([]);
    expect(() => compileKpis(retail, { metrics: ['revenue'], filters })).toThrow(`filter on unknown dimension "__proto__" for model retail, valid: ${valid}`);
  });

  it.each(PROTO_NAMES)('by: [%j] is an unknown dimension, and a metric of that name an unknown metric', (name) => {
    expect(() => validateRequest(retail, { metrics: ['revenue'], by: [name] })).toThrow(`unknown dimension ${JSON.stringify(name)} for model retail`);
    expect(() => validateRequest(retail, { metrics: [name] })).toThrow(`unknown metric ${JSON.stringify(name)} for model retail`);
  });

  it.each(['constructor', 'toString', '__proto__'])('builtinModel(%j) is an unknown model', (name) => {
    expect(() => builtinModel(name)).toThrow(`unknown model ${JSON.stringify(name)}, built-in: retail, vehicles, staffing`);
  });
});

describe('kpicast kpi --filter __proto__=x', () => {
  it('filterOption keeps __proto__ as a key the request validation then refuses', () => {
    const filters = filterOption({ filter: ['__proto__=x', 'region=Nord|Sud'] });
    expect(Object.keys(filters)).toEqual(['__proto__', 'region']);
    expect(Object.getPrototypeOf(filters)).toBe(Object.prototype);
  });

  it.each(['__proto__', 'constructor', 'toString'])('--filter %s=x exits 1 with one line listing the valid dimensions', async (name) => {
    let err = '';
    let out = '';
    const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
    process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    process.stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true));
    let code: number;
    try {
      code = await runCli(['node', 'kpicast', '--db', 'memory', '--quiet', 'kpi', '--model', 'retail', 'revenue', '--filter', `${name}=x`]);
    } finally {
      process.stdout.write = write.out;
      process.stderr.write = write.err;
      process.exitCode = undefined;
    }
    expect([code, out, err]).toEqual([1, '', `kpicast: filter on unknown dimension ${JSON.stringify(name)} for model retail, valid: ${valid}\n`]);
  });
});
