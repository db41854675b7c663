import { clip, quoted } from './util/clip.js';

/**
 * The one error class kpicast throws for problems a user can fix: bad input,
 * bad options, an unreachable database. `code` tells kinds apart for callers
 * that want to catch one; the message is one line, no trailing period.
 *
 * @example
 * throw new KpicastError('option --grain: got "fortnight", allowed: day, week, month', 'E_OPTION');
 */
export class KpicastError extends Error {
  readonly code: string;
  constructor(message: string, code = 'E_KPICAST') {
    super(message);
    this.name = 'KpicastError';
    this.code = code;
  }
}

/**
 * A bad option value: names the option, the value (clipped, see {@link clip}) and what is
 * allowed, with an optional reason between them. `got` and `allowed` stay fields, so a caller
 * can rename the option (the CLI's `--key` for the library's `key`) without reading the message.
 *
 * @example
 * new OptionError('--as-of', '2023-02-29', 'a calendar date YYYY-MM-DD', '2023-02 has 28 days').message;
 * // => '--as-of: got "2023-02-29" (2023-02 has 28 days), allowed: a calendar date YYYY-MM-DD'
 */
export class OptionError extends KpicastError {
  readonly option: string;
  readonly got: unknown;
  readonly allowed: string;
  /** Why `got` is refused, when more than "not allowed" can be said. */
  readonly reason?: string;
  constructor(option: string, got: unknown, allowed: string, reason?: string) {
    super(`${option}: got ${quoted(got)}${reason ? ` (${reason})` : ''}, allowed: ${allowed}`, 'E_OPTION');
    this.name = 'OptionError';
    this.option = option;
    this.got = got;
    this.allowed = allowed;
    this.reason = reason;
  }

  /** The same error under another option name (as the user typed it: `--key` for `key`). */
  renamed(option: string): OptionError {
    return new OptionError(option, this.got, this.allowed, this.reason);
  }
}

/** Where in the input a problem is: file, 1-based line, column (name or 1-based number). */
export interface InputPlace {
  file?: string;
  line?: number;
  column?: number | string;
}

/**
 * Bad input data: names the file and, where known, line and column (a column name is clipped,
 * see {@link clip}). `code` tells kinds apart: `E_INPUT`, `E_VALUE` (a value that does not fit
 * its column, see ValueError), `E_DATE` (no calendar day).
 */
export class InputError extends KpicastError {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number | string;
  constructor(message: string, where: InputPlace = {}, code = 'E_INPUT') {
    const at = [where.file, where.line !== undefined ? `line ${where.line}` : undefined,
      where.column !== undefined ? `column ${typeof where.column === 'string' ? clip(where.column) : where.column}` : undefined].filter(Boolean).join(', ');
    super(at ? `${at}: ${message}` : message, code);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

/** The warehouse could not be reached or refused us; the message names the host, never the password. */
export class WarehouseError extends KpicastError {
  constructor(message: string) {
    super(message, 'E_WAREHOUSE');
    this.name = 'WarehouseError';
  }
}
