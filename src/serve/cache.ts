/**
 * A bounded in-memory cache of computed results, least recently used out first. Bounded two ways:
 * at most `maxEntries` entries and at most `maxBytes` bytes (each entry's size as the caller
 * measures it, by default the length of its JSON). Concurrent callers of one key while it is
 * being computed share one promise: the work runs once. A failed computation is not kept.
 *
 * @example
 * const cache = new ResultCache({ maxEntries: 100, maxBytes: 1_000_000 });
 * await cache.get('k', async () => 41 + 1); // => 42 (computed)
 * await cache.get('k', async () => 0);      // => 42 (from the cache)
 * cache.stats.hits;                         // => 1
 */
export class ResultCache {
  readonly maxEntries: number;
  readonly maxBytes: number;
  private readonly entries = new Map<string, { value: unknown; bytes: number }>();
  private readonly pending = new Map<string, Promise<unknown>>();
  private bytes = 0;
  /** Counters: served from the cache, computed, joined an in-flight computation, evicted. */
  readonly stats = { hits: 0, misses: 0, shared: 0, evictions: 0 };

  constructor(options: { maxEntries?: number; maxBytes?: number } = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** Entries held now and their bytes. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** The value of `key`, computed by `fn` when absent (once, however many callers wait for it). */
  get<T>(key: string, fn: () => Promise<T>, sizeOf: (value: T) => number = jsonSize): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.stats.hits++;
      // Map order is insertion order: re-insert to mark it most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return Promise.resolve(hit.value as T);
    }
    const inFlight = this.pending.get(key);
    if (inFlight) {
      this.stats.shared++;
      return inFlight as Promise<T>;
    }
    this.stats.misses++;
    const run = (async () => {
      try {
        const value = await fn();
        this.store(key, value, sizeOf(value));
        return value;
      } finally {
        this.pending.delete(key);
      }
    })();
    this.pending.set(key, run);
    return run;
  }

  /** Drops every entry (not the computations in flight). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private store(key: string, value: unknown, bytes: number): void {
    if (bytes > this.maxBytes) return; // larger than the whole cache: served, not kept
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.bytes -= this.entries.get(oldest)!.bytes;
      this.entries.delete(oldest);
      this.stats.evictions++;
    }
  }
}

/** Bytes of a value as JSON (UTF-16 code units, close enough for a bound). */
export function jsonSize(value: unknown): number {
  try {
    return (JSON.stringify(value) ?? '').length * 2;
  } catch {
    return 1024;
  }
}
