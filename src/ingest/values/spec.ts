import { InputError } from '../../errors.js';
import type { ColumnType } from '../types.js';
import type { SlashOrder } from '../../util/dates.js';

/**
 * The value types ingest checks: the {@link ColumnType}s it infers, plus the column types of
 * existing tables whose PostgreSQL input rules differ from those (smallint, real, double
 * precision, uuid).
 */
export type ValueType = ColumnType | 'smallint' | 'real' | 'double' | 'uuid';

/** A column type with the limits Postgres will enforce (numeric precision/scale, varchar length). */
export interface TypeSpec {
  type: ValueType;
  /** numeric(p, s): p, the total digits; timestamp(p): p, the fractional-second digits kept. */
  precision?: number;
  /** numeric(p, s): s, the digits kept after the point (negative: rounded to tens, hundreds...). */
  scale?: number;
  maxLength?: number;
  /** timestamptz: the session TimeZone that reads a text without an offset; default UTC. */
  timeZone?: string;
  /**
   * date and timestamps: how slash dates are read, day first or month first, as decided for the
   * whole column (see decideDateOrder). Absent: a slash date is read only when one order alone
   * makes it a day (`13/01/2024`), else it is refused as ambiguous.
   */
  dateOrder?: SlashOrder | 'YMD';
}

/**
 * Thrown by {@link convertValue} with the reason a value does not fit its column type: a kind
 * of {@link InputError} (code `E_VALUE`), which the load turns into a quarantine reason.
 */
export class ValueError extends InputError {
  constructor(message: string) {
    super(message, {}, 'E_VALUE');
    this.name = 'ValueError';
  }
}
