import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, loadPipelineFile } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kpicast-pipeline-'));
let n = 0;
/** Writes `text` as a pipeline file of its own and returns its path. */
function file(text: string): string {
  const path = join(dir, `kpicast-${n++}.yml`);
  writeFileSync(path, text);
  return path;
}
/** The one-line message loadPipelineFile throws for `text`. */
function problem(text: string): string {
  const path = file(text);
  try {
    loadPipelineFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message.replace(path, 'kpicast.yml');
  }
  throw new Error('no error');
}
const model = 'shop.yml';
copyFileSync(resolve('tests/fixtures/pipeline/shop-model.yml'), join(dir, model));

const good = `name: weekly
sources:
  - inbox: incoming/*.csv
    table: shop_days
    key: [store, day]
build: no
forecast:
  - { metric: orders, model: ${model}, h: 2, models: [mean, naive] }
alerts:
  - name: low conversion
    model: ${model}
    metric: conversion_rate
    by: store
    condition: below
    value: 0.15
  - name: orders down
    model: ${model}
    metric: orders
    condition: change_pct_below
    value: -30
    compare: previous_year
  - { name: stale inbox, condition: missing_data, source: shop_days, days: 7 }
report: { out: out, pdf: yes }
deliver:
  email: { to: "a@example.com, b@example.com" }
  webhook: https://hooks.example.com/x
`;

describe('loadPipelineFile(file)', () => {
  it('loadPipelineFile(a good file) normalises it: defaults filled, paths resolved against the file, models loaded', () => {
    const path = file(good);
    const config = loadPipelineFile(path);
    expect(config.name).toBe('weekly');
    expect(config.file).toBe(path);
    expect(config.build).toBe(false);
    expect(config.sources).toEqual([
      { kind: 'inbox', name: 'shop_days', pattern: join(dir, 'incoming', '*.csv'), dir: join(dir, 'incoming'), glob: '*.csv', table: 'shop_days', key: ['store', 'day'] },
    ]);
    expect(config.forecasts.map((f) => [f.name, f.metric, f.grain, f.by, f.h, f.models])).toEqual([['shop/orders', 'orders', 'week', [], 2, ['mean', 'naive']]]);
    expect(config.alerts.map((a) => [a.name, a.condition])).toEqual([
      ['low conversion', 'below'],
      ['orders down', 'change_pct_below'],
      ['stale inbox', 'missing_data'],
    ]);
    expect(config.alerts[0]).toMatchObject({ metric: 'conversion_rate', grain: 'week', by: ['store'], value: 0.15 });
    expect(config.alerts[1]).toMatchObject({ compare: 'previous_year', value: -30 });
    expect(config.alerts[2]).toEqual({ name: 'stale inbox', condition: 'missing_data', source: 'shop_days', table: 'raw.shop_days', days: 7 });
    expect(config.report).toEqual({ out: join(dir, 'out'), pdf: true, png: false, locale: 'en' });
    expect(config.deliver).toEqual({ email: { to: ['a@example.com', 'b@example.com'] }, webhook: { url: 'https://hooks.example.com/x' }, retry: 3 });
  });

  it('loadPipelineFile(distributed: yes) keeps the batch size (default 200) and where the option is, for its refusal on an embedded warehouse', () => {
    const [a, b] = loadPipelineFile(file(good.replace('h: 2', 'h: 2, distributed: yes').replace('alerts:', `  - { metric: visitors, model: ${model}, distributed: yes, batch_size: 50 }\nalerts:`))).forecasts;
    expect(a.distributed).toEqual({ batchSize: 200, at: { line: 8, column: 46 } });
    expect(b.distributed).toEqual({ batchSize: 50, at: { line: 9, column: 42 } });
    expect(loadPipelineFile(file(good)).forecasts[0].distributed).toBeUndefined();
  });

  it('loadPipelineFile(no name) names the pipeline after the file; build defaults to yes', () => {
    const path = file('sources: []\n');
    const config = loadPipelineFile(path);
    expect(config.name).toBe(path.split('/').pop()!.replace(/\.yml$/, ''));
    expect(config.build).toBe(true);
    expect(config.alerts).toEqual([]);
  });

  it('loadPipelineFile(a misspelt condition) names file, line, column, key path, the value and the allowed ones', () => {
    const text = good.replace('condition: change_pct_below', 'condition: bellow');
    const line = text.split('\n').findIndex((l) => l.includes('bellow')) + 1;
    expect(line).toBe(19);
    expect(problem(text)).toBe(
      'kpicast.yml, line 19, column 5: alerts[1].condition: got "bellow", allowed: below, above, change_pct_below, change_pct_above, outside_forecast, missing_data',
    );
  });

  it.each([
    ['an unknown key', good.replace('    value: 0.15', '    treshold: 0.15'), 'kpicast.yml, line 15, column 5: alerts[0].treshold: unknown key, allowed: name, condition, model, metric, grain, by, value'],
    ['a missing value', good.replace('    value: 0.15\n', ''), 'kpicast.yml, line 10, column 5: alerts[0].value: missing, allowed: a number (the threshold)'],
    ['a threshold that is text', good.replace('value: 0.15', 'value: low'), 'kpicast.yml, line 15, column 5: alerts[0].value: got "low", allowed: a number (the threshold)'],
    ['an unknown metric', good.replace('metric: conversion_rate', 'metric: conversion'), 'kpicast.yml, line 12, column 5: alerts[0].metric: got "conversion", allowed: orders, visitors, conversion_rate'],
    ['an unknown dimension', good.replace('by: store', 'by: region'), 'kpicast.yml, line 13, column 5: alerts[0].by: got "region", allowed: store'],
    ['a bad compare', good.replace('compare: previous_year', 'compare: last_year'), 'kpicast.yml, line 21, column 5: alerts[1].compare: got "last_year", allowed: previous_period, previous_year'],
    ['a missing_data rule on an unknown source', good.replace('source: shop_days', 'source: orders'), 'kpicast.yml, line 22, column 51: alerts[2].source: got "orders", allowed: shop_days'],
    ['a bad build flag', good.replace('build: no', 'build: sometimes'), 'kpicast.yml, line 6, column 1: build: got "sometimes", allowed: yes, no'],
    ['a forecast horizon of 0', good.replace('h: 2', 'h: 0'), 'kpicast.yml, line 8, column 40: forecast[0].h: got 0, allowed: a whole number from 1 to 104'],
    ['a batch size without distributed', good.replace('h: 2', 'h: 2, batch_size: 50'), 'kpicast.yml, line 8, column 46: forecast[0].batch_size: only with distributed: yes'],
    ['a batch size of 0', good.replace('h: 2', 'h: 2, distributed: yes, batch_size: 0'), 'kpicast.yml, line 8, column 64: forecast[0].batch_size: got 0, allowed: a whole number from 1 to 100000'],
    ['a distributed flag that is not yes or no', good.replace('h: 2', 'h: 2, distributed: maybe'), 'kpicast.yml, line 8, column 46: forecast[0].distributed: got "maybe", allowed: yes, no'],
    ['an unknown forecast model', good.replace('[mean, naive]', '[mean, prophet]'), 'kpicast.yml, line 8, column 61: forecast[0].models[1]: got "prophet", allowed: naive, snaive, ses, holt, damped, holt_winters, holt_winters_multiplicative, ets, theta, mean, ma, drift, croston, sba, tsb, npts, snpts, arima, mstl'],
    ['a source without table', good.replace('    table: shop_days\n', ''), 'kpicast.yml, line 3, column 5: sources[0].table: missing, allowed: the target table (orders or schema.table)'],
    ['a source with neither file nor inbox', good.replace('  - inbox: incoming/*.csv', '  - folder: incoming/*.csv'), 'kpicast.yml, line 3, column 5: sources[0]: needs exactly one of file, inbox, database'],
    ['a wildcard in the folder', good.replace('incoming/*.csv', 'in*/x.csv'), 'kpicast.yml, line 3, column 5: sources[0].inbox: got "in*/x.csv", allowed: wildcards (* ?) in the file name only, such as data/incoming/*.csv'],
    ['a database source with its password in the URL', good.replace('  - inbox: incoming/*.csv', '  - database: postgres://u:secret@h/db'), 'kpicast.yml, line 3, column 5: sources[0].database: the URL holds a password; write it without and name the environment variable that holds it in password_env:'],
    ['a bad address', good.replace('b@example.com', 'b.example.com'), 'kpicast.yml, line 25, column 12: deliver.email.to: got "b.example.com", allowed: an address such as planning@example.com'],
    ['a webhook that is not http', good.replace('https://hooks.example.com/x', 'ftp://hooks.example.com/x'), 'kpicast.yml, line 26, column 3: deliver.webhook.url: not an http:// or https:// URL'],
    ['an unknown top-level key', `${good}schedule: daily\n`, 'kpicast.yml, line 27, column 1: schedule: unknown key, allowed: name, sources, build, forecast, report, deliver, alerts, pseudonymise, schedules'],
    ['two rules with one name', good.replace('name: orders down', 'name: low conversion'), 'kpicast.yml, line 16, column 5: alerts[1].name: "low conversion" is also the name of alerts[0]'],
    ['a YAML syntax error', 'alerts: [a, b\nbuild: no\n', 'kpicast.yml, line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ])('loadPipelineFile(%s) is one line with file, line, column and key path', (_, text, message) => {
    expect(problem(text)).toBe(message);
  });

  it('loadPipelineFile(a missing file) names the file', () => {
    expect(() => loadPipelineFile(join(dir, 'nope.yml'))).toThrow(`${join(dir, 'nope.yml')}: cannot read pipeline file: ENOENT`);
  });

  it('loadPipelineFile(a model file with a mistake) reports the model file\'s own line', () => {
    const bad = join(dir, 'bad-model.yml');
    writeFileSync(bad, 'name: shop\ntable: raw.shop_days\ntime: day\nmeasures:\n  orders: { summ: orders }\n');
    const text = good.replaceAll(model, bad);
    expect(problem(text)).toMatch(/bad-model\.yml, line 5, column 11: measure orders needs one of/);
  });
});
