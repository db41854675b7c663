/**
 * The one missing-data rule for series: NaN and ±Infinity are missing; interior gaps
 * are filled by linear interpolation, leading ones by the first valid value and
 * trailing ones by the last; a series with nothing finite is all zeros.
 * Returns the filled copy and how many values were missing; with `inPlace`, y itself when nothing
 * is missing (the caller leaves it as it is). Runs in O(n).
 *
 * @example
 * fillMissing(Float64Array.of(NaN, 1, NaN, 3, Infinity)); // => { values: [1, 1, 2, 3, 3], missing: 3 }
 */
export function fillMissing(y: Float64Array, inPlace = false): { values: Float64Array; missing: number } {
  const n = y.length;
  // the common case, nothing missing: y itself, or the copy in one block
  let first = 0;
  while (first < n && Number.isFinite(y[first])) first++;
  if (first === n) return { values: inPlace ? y : y.slice(), missing: 0 };
  const values = new Float64Array(n);
  let missing = 0;
  let previous = -1;
  for (let t = 0; t < n; t++) {
    const v = y[t];
    if (!Number.isFinite(v)) {
      missing++;
      continue;
    }
    values[t] = v;
    if (previous === -1) {
      for (let i = 0; i < t; i++) values[i] = v;
    } else if (t - previous > 1) {
      const from = values[previous];
      for (let i = previous + 1; i < t; i++) values[i] = from + ((v - from) * (i - previous)) / (t - previous);
    }
    previous = t;
  }
  if (previous >= 0) for (let i = previous + 1; i < n; i++) values[i] = values[previous];
  return { values, missing };
}
