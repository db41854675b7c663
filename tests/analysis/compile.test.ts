import { describe, expect, it } from 'vitest';
import { factOnly } from '../helpers/models.js';
import { compileKpis, retail, staffing, vehicles, validateModel, KpicastError, type SemanticModel } from '../../src/index.js';

// compileKpis is pure: these run without a database.

describe('compileKpis(model, request)', () => {
  it('compiles to one parameterised statement: values are $n parameters, identifiers are quoted', () => {
    const { sql, params, columns } = compileKpis(retail, { metrics: ['revenue', 'orders'], grain: 'month', by: ['region'], from: '2024-01-01', to: '2024-03-31', filters: { category: ['food', 'home'] } });
    expect(params).toEqual(['2024-01-01', '2024-03-31', 'food', 'home']);
    expect(sql).toContain('$1::date');
    expect(sql).toContain('IN ($3, $4)');
    expect(sql).not.toContain('2024-01-01');
    expect(sql).not.toContain("'food'");
    expect(sql).toContain('"marts"."fct_sales"');
    expect(sql).toContain(`date_trunc('month'`);
    expect(sql.match(/;/g)).toBeNull(); // one statement
    expect(columns.map((c) => c.name)).toEqual(['period', 'region', 'revenue', 'orders']);
  });

  it('aggregates each fact in its own CTE and joins them for a metric mixing facts (orders / visitors)', () => {
    const { sql } = compileKpis(factOnly(retail), { metrics: ['conversion_rate'], grain: 'week', by: ['store'] });
    expect(sql).toContain('"marts"."fct_sales"');
    expect(sql).toContain('"marts"."fct_store_traffic"');
    expect(sql).toMatch(/f0 AS \(/);
    expect(sql).toMatch(/f1 AS \(/);
    expect(sql).toContain('NULLIF'); // zero visitors → null, not Infinity
  });

  it('computes ratios as ratios of the aggregated measures, not averages of ratios', () => {
    const { sql } = compileKpis(retail, { metrics: ['margin_rate'] });
    expect(sql).toContain('sum(t."margin")');
    expect(sql).toContain('sum(t."revenue")');
    expect(sql).not.toMatch(/avg\(/i);
  });

  it('rejects an unknown metric with the list of valid names', () => {
    expect(() => compileKpis(retail, { metrics: ['revenu'] })).toThrow(/unknown metric "revenu" for model retail, valid: .*revenue.*units/);
  });

  it('rejects an unknown dimension with the list of valid names', () => {
    expect(() => compileKpis(staffing, { metrics: ['missions'], by: ['country'] })).toThrow(/unknown dimension "country" for model staffing, valid: city, extra, hotel, hotel_name, region, status/);
  });

  it('rejects a dimension the fact of a metric cannot be cut by, naming what it can', () => {
    expect(() => compileKpis(retail, { metrics: ['visitors'], by: ['category'] })).toThrow(/dimension "category" is not available for metric visitors \(fact traffic\) of model retail, valid there: city, region, store, store_name/);
  });

  it('rejects filters that try to smuggle SQL in a dimension name, and non-scalar values', () => {
    expect(() => compileKpis(retail, { metrics: ['revenue'], filters: { "region = 'Nord' OR 1=1 --": 'x' } })).toThrow(/filter on unknown dimension "region = 'Nord' OR 1=1 --"/);
    expect(() => compileKpis(retail, { metrics: ['revenue'], by: ['region"; DROP TABLE raw.stores; --'] })).toThrow(/unknown dimension/);
    expect(() => compileKpis(retail, { metrics: ['revenue); DROP TABLE raw.stores; --'] })).toThrow(/unknown metric/);
    expect(() => compileKpis(retail, { metrics: ['revenue'], filters: { region: { $ne: 'x' } as unknown as string } })).toThrow(/filters.region: got \{"\$ne":"x"\}, allowed: a string, number or boolean/);
  });

  it('rejects from after to, a malformed date, an unknown grain and an unknown compare', () => {
    expect(() => compileKpis(retail, { metrics: ['revenue'], from: '2024-03-01', to: '2024-02-01' })).toThrow('from 2024-03-01 is after to 2024-02-01');
    expect(() => compileKpis(retail, { metrics: ['revenue'], from: '2024-02-30' })).toThrow('from: got "2024-02-30", allowed: a date YYYY-MM-DD');
    expect(() => compileKpis(retail, { metrics: ['revenue'], grain: 'fortnight' as 'week' })).toThrow('grain: got "fortnight", allowed: day, week, month, quarter, year, none');
    expect(() => compileKpis(retail, { metrics: ['revenue'], grain: 'month', compare: 'last_week' as 'previous_year' })).toThrow(/compare: got "last_week"/);
    expect(() => compileKpis(retail, { metrics: ['revenue'], compare: 'previous_year' })).toThrow(/with grain none only when from and to are given/);
  });

  it('throws KpicastError (code E_OPTION) so a caller can catch bad requests', () => {
    try {
      compileKpis(vehicles, { metrics: ['nope'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KpicastError);
      expect((error as KpicastError).code).toBe('E_OPTION');
    }
  });

  it('compare: previous_year shifts weeks by 52 weeks so Mondays stay Mondays', () => {
    const { sql } = compileKpis(retail, { metrics: ['revenue'], grain: 'week', compare: 'previous_year', from: '2024-06-03' });
    expect(sql).toContain("interval '364 days'");
    expect(sql).toContain('"revenue_delta_pct"');
  });
});

describe('validateModel(model)', () => {
  const base: SemanticModel = { name: 'm', facts: { f: { table: 'public.t', time: 'd', dimensions: { r: 'region' } } }, measures: { a: { agg: 'sum', column: 'x' } } };
  it('accepts a well-formed model and every built-in model', () => {
    expect(validateModel(base)).toBe(base);
    for (const model of [retail, vehicles, staffing]) expect(validateModel(model)).toBe(model);
  });
  it('rejects a table name that is not an identifier, and a ratio of unknown measures', () => {
    expect(() => validateModel({ ...base, facts: { f: { ...base.facts.f, table: 't; DROP TABLE x' } } })).toThrow(/table "t; DROP TABLE x" must be table or schema.table/);
    expect(() => validateModel({ ...base, measures: { ...base.measures, r: { ratio: ['a', 'b'] } } })).toThrow(/measure r refers to unknown measure "b"/);
  });
  it('rejects measures referring to each other in a loop', () => {
    expect(() => validateModel({ ...base, measures: { a: { ratio: ['b', 'b'] }, b: { shareOf: 'a' } } })).toThrow(/loop: a -> b -> a/);
  });
});

describe('compileKpis totals', () => {
  it('aggregates totals without grouping on a constant, keeping zero rows for no data through HAVING', () => {
    const { sql } = compileKpis(retail, { metrics: ['revenue'] });
    expect(sql).toContain('HAVING count(*) > 0');
    expect(sql).not.toContain('GROUP BY');
    const byRegion = compileKpis(retail, { metrics: ['revenue'], by: ['region'] }).sql;
    expect(byRegion).toContain('GROUP BY 2');
  });
});
