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

/** A bad option value: names the option, the value and what is allowed. */
export class OptionError extends KpicastError {
  readonly option: string;
  constructor(option: string, got: unknown, allowed: string) {
    super(`${option}: got ${JSON.stringify(got)}, allowed: ${allowed}`, 'E_OPTION');
    this.name = 'OptionError';
    this.option = option;
  }
}

/** Bad input data: names the file and, where known, line and column. */
export class InputError extends KpicastError {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number | string;
  constructor(message: string, where: { file?: string; line?: number; column?: number | string } = {}) {
    const at = [where.file, where.line !== undefined ? `line ${where.line}` : undefined,
      where.column !== undefined ? `column ${where.column}` : undefined].filter(Boolean).join(', ');
    super(at ? `${at}: ${message}` : message, 'E_INPUT');
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
