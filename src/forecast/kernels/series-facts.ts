/**
 * What the guard (model-support.ts) reads of a series at every fit — is it finite, does it need
 * scaling, has it ever been negative, what is its range — answered for the series and every prefix
 * of it from one pass. A backtest fits each model on prefixes of one series and extends the fits
 * to longer ones, and the smoothing models are guarded twice: four scans per guarded fit, window
 * and update came to about 8 % of one thread's forecasting on M4 weekly. ModelOptions.facts; the
 * answers are those of the scans (finiteSeries, neverNegative, seriesRange), tested.
 */
const HUGE = 1e100;

/**
 * The facts of `values`, read while it stays as it is (as ModelOptions.inPlace promises).
 * Memory: two doubles per value (each prefix's smallest and largest finite value).
 *
 * @example
 * const facts = new SeriesFacts(Float64Array.of(3, -1, 5));
 * facts.neverNegative(1); // => true
 * facts.range(3); // => 6
 */
export class SeriesFacts {
  /** The series' length when the facts were made (a view over a resizable buffer may grow since). */
  private readonly n: number;
  private readonly firstNonFinite: number;
  private readonly firstHuge: number;
  private readonly firstFinite: number;
  private readonly firstNegative: number;
  private readonly low: Float64Array;
  private readonly high: Float64Array;

  constructor(readonly values: Float64Array) {
    const n = values.length;
    let firstNonFinite = n;
    let firstHuge = n;
    let firstFinite = n;
    let firstNegative = n;
    const low = new Float64Array(n);
    const high = new Float64Array(n);
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = 0; t < n; t++) {
      const v = values[t];
      if (Number.isFinite(v)) {
        if (firstFinite === n) firstFinite = t;
        if (v < 0 && firstNegative === n) firstNegative = t;
        if (Math.abs(v) > HUGE && firstHuge === n) firstHuge = t;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      } else if (firstNonFinite === n) firstNonFinite = t;
      low[t] = lo;
      high[t] = hi;
    }
    this.n = n;
    this.firstNonFinite = firstNonFinite;
    this.firstHuge = firstHuge;
    this.firstFinite = firstFinite;
    this.firstNegative = firstNegative;
    this.low = low;
    this.high = high;
  }

  /** Whether y is this series or a prefix of it: the same memory from its first value. */
  covers(y: Float64Array): boolean {
    return y.buffer === this.values.buffer && y.byteOffset === this.values.byteOffset && y.length <= this.n;
  }

  /** The first `end` values are all finite and none beyond ±1e100. */
  finiteUnscaled(end: number): boolean {
    return this.firstNonFinite >= end && this.firstHuge >= end;
  }

  /** neverNegative of the first `end` values. */
  neverNegative(end: number): boolean {
    return this.firstFinite < end && this.firstNegative >= end;
  }

  /** seriesRange of the first `end` values. */
  range(end: number): number {
    if (end === 0) return 0;
    const lo = this.low[end - 1];
    const hi = this.high[end - 1];
    return hi >= lo ? hi - lo : 0;
  }
}

