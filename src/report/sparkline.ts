/**
 * A sparkline as inline SVG: the values as one polyline scaled to `width` ×
 * `height`, the last point marked. Missing values (null, NaN) are skipped;
 * fewer than two values give an empty SVG of the same size. Deterministic.
 *
 * @example
 * sparkline([1, 3, 2], { width: 100, height: 20 }); // => '<svg ...><polyline points="2,18 50,2 98,10" .../>...</svg>'
 */
export function sparkline(values: ReadonlyArray<number | null>, options: { width?: number; height?: number; color?: string } = {}): string {
  const width = options.width ?? 120;
  const height = options.height ?? 32;
  const color = options.color ?? '#1f5fa8';
  const open = `<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="trend">`;
  const points = sparklinePoints(values, width, height);
  if (points.length < 2) return `${open}</svg>`;
  const [lx, ly] = points[points.length - 1];
  return (
    `${open}<polyline points="${points.map(([x, y]) => `${x},${y}`).join(' ')}" fill="none" stroke="${color}" stroke-width="1.5"/>` +
    `<circle cx="${lx}" cy="${ly}" r="2.5" fill="${color}"/></svg>`
  );
}

/**
 * The points of a sparkline in a `width` × `height` box (2 px padding, y down, rounded to
 * 0.1 px): the shape {@link sparkline} draws as SVG and the email draws as PNG. Missing
 * values are skipped; a constant series is a flat line in the middle.
 *
 * @example
 * sparklinePoints([1, 3, 2], 100, 20); // => [[2, 18], [50, 2], [98, 10]]
 */
export function sparklinePoints(values: ReadonlyArray<number | null>, width: number, height: number): Array<readonly [number, number]> {
  const kept = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (kept.length < 2) return [];
  const pad = 2;
  const min = Math.min(...kept);
  const max = Math.max(...kept);
  const span = max - min || 1;
  const round = (v: number) => Math.round(v * 10) / 10;
  return kept.map((v, i) => {
    const x = pad + (i * (width - 2 * pad)) / (kept.length - 1);
    const y = max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / span;
    return [round(x), round(y)] as const;
  });
}
