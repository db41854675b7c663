/** How often and how patiently a delivery is retried. */
export interface RetryOptions {
  /** Attempts in all, the first included; default 3, at most 10. */
  attempts?: number;
  /** Wait before the second attempt, in milliseconds; doubled before each next one (default 2,000, capped at 60,000). */
  baseDelayMs?: number;
  /** How to wait; default a timer. Tests pass one that returns at once and records the delays. */
  sleep?: (ms: number) => Promise<void>;
}

/** The end of {@link withRetry}: the value, or the last error, and how many attempts it took. */
export type RetryResult<T> = { ok: true; value: T; attempts: number } | { ok: false; error: Error; attempts: number };

const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Runs `fn` until it succeeds, at most `attempts` times, waiting `baseDelayMs`, then twice
 * that, and so on between attempts (exponential backoff). An error for which `retryable`
 * says false ends it at once (a webhook's 4xx: asking again will not help). Never throws:
 * the outcome says what happened, so a failed delivery never fails what came before it.
 *
 * @example
 * await withRetry(() => send(), { attempts: 3, sleep: async () => {} });
 * // => { ok: false, error: Error('connect ECONNREFUSED 127.0.0.1:25'), attempts: 3 }
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions & { retryable?: (error: Error) => boolean; onRetry?: (attempt: number, error: Error, delayMs: number) => void } = {},
): Promise<RetryResult<T>> {
  const attempts = Math.max(1, Math.min(10, Math.floor(options.attempts ?? 3)));
  const sleep = options.sleep ?? wait;
  let delay = options.baseDelayMs ?? 2000;
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await fn(attempt), attempts: attempt };
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      if (attempt >= attempts || (options.retryable && !options.retryable(error))) return { ok: false, error, attempts: attempt };
      options.onRetry?.(attempt, error, delay);
      await sleep(delay);
      delay = Math.min(delay * 2, 60_000);
    }
  }
}
