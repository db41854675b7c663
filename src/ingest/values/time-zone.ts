/**
 * Time zones as PostgreSQL applies them to a wall time without an offset (a timestamptz column
 * read in the session TimeZone), through Intl, cached by zone and minute.
 */
/** Zones in which a wall time is UTC: no Intl lookup needed. */
const UTC_ZONES = new Set(['utc', 'etc/utc', 'uct', 'etc/uct', 'gmt', 'etc/gmt', 'gmt0', 'etc/gmt0', 'gmt+0', 'gmt-0', 'etc/gmt+0', 'etc/gmt-0', 'greenwich', 'etc/greenwich', 'universal', 'etc/universal', 'zulu', 'etc/zulu', 'z']);

/** Whether `zone` is UTC under one of its names (no lookup needed). */
export const isUtcZone = (zone: string): boolean => UTC_ZONES.has(zone.toLowerCase());

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();
/** Resolved offsets, by zone and local minute (ms); cleared when it grows large. */
const zoneOffsets = new Map<string, number>();

function zoneFormat(zone: string): Intl.DateTimeFormat | null {
  let format = zoneFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      format = null; // a POSIX-style zone Intl does not know
    }
    zoneFormats.set(zone, format);
  }
  return format;
}

/** Offset east of UTC, in ms, of `zone` at instant `ms`. */
function offsetAt(format: Intl.DateTimeFormat, ms: number): number {
  const at = Math.floor(ms / 1000) * 1000;
  const part: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(at))) part[p.type] = p.value;
  const year = part.era === 'BC' || part.era === 'B' ? 1 - Number(part.year) : Number(part.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(part.month) - 1, Number(part.day));
  wall.setUTCHours(Number(part.hour), Number(part.minute), Number(part.second), 0);
  return wall.getTime() - at;
}

/**
 * The offset PostgreSQL gives a local wall time of `zone` (`wall`: that time as if it were UTC, ms):
 * in a spring-forward gap the offset before the change, in a fall-back overlap the one after
 * (DetermineTimeZoneOffset). Null when Intl does not know the zone.
 */
export function localOffset(zone: string, wall: number): number | null {
  const format = zoneFormat(zone);
  if (format === null) return null;
  const minute = Math.floor(wall / 60_000);
  const cacheKey = `${zone}|${minute}`;
  const cached = zoneOffsets.get(cacheKey);
  if (cached !== undefined) return cached;
  const dayMs = 86_400_000;
  const before = offsetAt(format, wall - dayMs);
  const after = offsetAt(format, wall + dayMs);
  let offset = before;
  if (before !== after) {
    // Find the change between wall - 1 day and wall + 1 day (instants), to the second.
    let lo = Math.floor((wall - dayMs) / 1000) * 1000, hi = Math.ceil((wall + dayMs) / 1000) * 1000;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(format, mid) === before) lo = mid;
      else hi = mid;
    }
    const boundary = hi;
    const beforeTime = wall - before, afterTime = wall - after;
    if (beforeTime < boundary && afterTime < boundary) offset = before;
    else if (beforeTime >= boundary && afterTime >= boundary) offset = after;
    else offset = beforeTime > afterTime ? before : after;
  }
  if (zoneOffsets.size > 100_000) zoneOffsets.clear();
  zoneOffsets.set(cacheKey, offset);
  return offset;
}
