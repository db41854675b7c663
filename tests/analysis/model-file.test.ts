import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileKpis, loadModelFile, modelFromObject, InputError } from '../../src/index.js';

const fixture = (name: string) => `tests/fixtures/analysis/${name}`;

describe('loadModelFile(file)', () => {
  it('reads the committed example model of a flat sales table', () => {
    const model = loadModelFile('data/examples/sales-model.yml');
    expect(model.name).toBe('sales');
    expect(model.facts.main).toMatchObject({ table: 'raw.sales', time: 'order_date', dimensions: { region: 'region', category: 'category', customer: 'customer' } });
    expect(model.measures.revenue).toMatchObject({ agg: 'sum', column: 'sales' });
    expect(model.measures.lines).toMatchObject({ agg: 'count', column: undefined });
    expect(model.measures.average_basket).toEqual({ ratio: ['revenue', 'orders'], format: 'money', description: 'revenue per order' });
  });

  it('reads the same model written as JSON, with a dimension renamed', () => {
    const model = loadModelFile(fixture('model.json'));
    expect(model.facts.main.dimensions).toEqual({ zone: 'region' });
    expect(model.measures.basket).toMatchObject({ ratio: ['revenue', 'orders'] });
  });

  it('reports a YAML syntax error as one line with file, line and column', () => {
    expect(() => loadModelFile(fixture('bad-indent.yml'))).toThrow(/^tests\/fixtures\/analysis\/bad-indent\.yml, line 6, column \d+: /);
    try {
      loadModelFile(fixture('bad-indent.yml'));
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('reports a JSON syntax error with its line', () => {
    expect(() => loadModelFile(fixture('bad-json.json'))).toThrow(/bad-json\.json, line [56], column \d+: /);
  });

  it('reports a measure referring to an unknown measure at the line of that measure', () => {
    expect(() => loadModelFile(fixture('bad-measure.yml'))).toThrow(/bad-measure\.yml, line 7, column \d+: model sales: measure basket refers to unknown measure "orders", known: revenue, basket/);
  });

  it('reports a missing file with its name', () => {
    expect(() => loadModelFile(fixture('nope.yml'))).toThrow(/nope\.yml: cannot read model file: ENOENT/);
  });
});

describe('modelFromObject(doc) with settled rows', () => {
  it('keeps a fact\'s settled condition, which series() uses for its default cut-off', () => {
    const model = modelFromObject({
      name: 'bookings', table: 'raw.bookings', time: 'stay_date', settled: "t.status = 'checked_out'",
      dimensions: ['hotel'], measures: { stays: { count: '*' } },
    });
    expect(model.facts.main.settled).toBe("t.status = 'checked_out'");
    expect(modelFromObject({ name: 'sales', table: 'raw.sales', time: 'day', dimensions: [], measures: { n: { count: '*' } } }).facts.main.settled).toBeUndefined();
  });
});

describe('loadModelFile(file) with a list or map where a name is wanted', () => {
  const write = (name: string, text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'kpicast-model-')), name);
    writeFileSync(path, text);
    return path;
  };

  it('table: [raw.sales] is one line with file, line and column saying table wants a name', () => {
    const path = write('list-table.yml', 'name: sales\ntable: [raw.sales]\ntime: order_date\nmeasures:\n  revenue: { sum: sales }\n');
    expect(() => loadModelFile(path)).toThrow(`${path}, line 2, column 8: table: wants a table name such as raw.sales, got a list ["raw.sales"]`);
  });

  it('a map as a measure column, and a list as a fact time, name their key path', () => {
    const measure = write('map-column.yml', 'name: sales\ntable: raw.sales\ntime: order_date\nmeasures:\n  revenue:\n    sum: { col: sales }\n');
    expect(() => loadModelFile(measure)).toThrow(`${measure}, line 6, column 10: measures.revenue.sum: wants a column name, got a map {"col":"sales"}`);
    const facts = write('list-time.yml', 'name: s\nfacts:\n  orders:\n    table: raw.orders\n    time: [day]\nmeasures:\n  n: { count: "*", fact: orders }\n');
    expect(() => loadModelFile(facts)).toThrow(`${facts}, line 5, column 11: facts.orders.time: wants a column name, got a list ["day"]`);
  });

  it('rollups: read from the file, used by the compiler, and a list where sums wants a map is placed', () => {
    const yaml = [
      'name: sales', 'table: raw.sales', 'time: order_date', 'dimensions: [region, product]',
      'rollups:', '  - table: marts.sales_by_day', '    time: order_date', '    dimensions: [region]', '    sums: { sales: sales, "*": lines }',
      'measures:', '  revenue: { sum: sales }', '  lines: { count: "*" }', '',
    ].join('\n');
    const model = loadModelFile(write('rollup.yml', yaml));
    expect(model.facts.main.rollups).toEqual([{ table: 'marts.sales_by_day', time: 'order_date', dimensions: { region: 'region' }, sums: { sales: 'sales', '*': 'lines' } }]);
    expect(compileKpis(model, { metrics: ['revenue', 'lines'], grain: 'month', by: ['region'] }).sql).toContain('FROM "marts"."sales_by_day"');
    expect(compileKpis(model, { metrics: ['revenue'], by: ['product'] }).sql).toContain('FROM "raw"."sales"');
    const bad = write('bad-rollup.yml', yaml.replace('sums: { sales: sales, "*": lines }', 'sums: [sales]'));
    expect(() => loadModelFile(bad)).toThrow(`${bad}, line 9, column 11: rollups.0.sums: wants a map fact_column: rollup_column`);
  });
});
