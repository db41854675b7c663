import pl from 'nodejs-polars';
import { describe, expect, it } from 'vitest';
import { showTable, tableHtml } from '../../src/index.js';

describe('tableHtml(rows, options)', () => {
  it('shows a JSON column value (an object or a list, as PostgreSQL jsonb gives it) as its JSON, not [object Object]', () => {
    const html = tableHtml([{ store: 'Lyon', tags: { open: 'sunday' }, zones: ['a', 'b'] }]);
    expect(html).toContain('<td>Lyon</td><td>{&quot;open&quot;:&quot;sunday&quot;}</td><td>[&quot;a&quot;,&quot;b&quot;]</td>');
  });

  it('renders a nodejs-polars DataFrame row by row with locale number formats', () => {
    const frame = pl.DataFrame({ store: ['Lyon', 'Paris'], revenue: [1234.5, null], orders: [12, 3000] });
    const html = tableHtml(frame, { locale: 'en' });
    expect(html).toContain('<th>store</th><th>revenue</th><th>orders</th>');
    expect(html).toContain('<td>Lyon</td><td style="text-align:right">1,234.50</td><td style="text-align:right">12</td>');
    expect(html).toContain('<td>Paris</td><td></td><td style="text-align:right">3,000</td>'); // null is an empty cell
  });

  it('keeps at most limit rows and says how many more there are', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ i }));
    const html = tableHtml(rows, { limit: 2 });
    expect(html.match(/<tr>/g)).toHaveLength(3); // header + 2
    expect(html).toContain('3 more rows not shown');
  });

  it('showTable sends the HTML to the display', () => {
    const out: string[] = [];
    showTable([{ a: '<b>' }], { display: { html: (t) => out.push(t) } });
    expect(out[0]).toContain('<td>&lt;b&gt;</td>');
  });
});
