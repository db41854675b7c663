/**
 * Connection URLs without their secrets: the one place that decides what of a warehouse,
 * source database or mail server URL may be printed, logged or stored.
 *
 * A URL is read as written, not through the WHATWG parser (which reads
 * `postgres://u:123/PW@host/db` as host `u`, port 123 and a path holding the password):
 * `scheme://userinfo@hosts/database?params`, the userinfo ending at the first `@` after which
 * come hosts, an optional database and well-formed `key=value` parameters.
 */

/** A URL split as written. `clean` is false when the user name or password holds an unencoded `/ ? # @`. */
export interface UrlParts {
  /** The scheme as typed, without `:` (`postgres`). */
  scheme: string;
  /** What came before the user info: `postgres://`, or a malformed `postgres:/`, or '' without a scheme. */
  prefix: string;
  /** The user info before `@` as written (user:password), undefined without `@`. */
  userinfo?: string;
  /** `host:port`, several joined with `,` for multi-host URLs, `[::1]:5432` for IPv6; may be empty. */
  hosts: string;
  /** The path after the hosts (the database), as written, undefined without one. */
  database?: string;
  /** Query parameters as written (not decoded). */
  params: Array<[string, string]>;
  /** The prefix is `scheme://` and the user info holds no character that needs percent-encoding. */
  clean: boolean;
}

const WELL_FORMED = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
/** A scheme of two characters or more then `:` (one letter is a Windows drive, `C:`). */
const SCHEME_LIKE = /^([A-Za-z][A-Za-z0-9+.-]+):\/*/;
const HOST = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%-]*)(?::\d{0,5})?`;
const AFTER_AT = new RegExp(String.raw`^(${HOST}(?:,${HOST})*)(?:/([^/?#@]*))?(?:\?([^#]*))?(?:#.*)?$`, 's');
/** Parameter names whose values are secrets: password, sslpassword, PGPASSWORD, pwd, token, secret, api_key, sslkey... */
const SECRET_PARAM = /pass|pwd|secret|token|key|auth|cred|sig/i;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `a=1&b=2` as pairs, or undefined when a part is not `key=value`. */
function splitParams(query: string | undefined): Array<[string, string]> | undefined {
  if (query === undefined || query === '') return [];
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    pairs.push([part.slice(0, eq), part.slice(eq + 1)]);
  }
  return pairs;
}

/** Hosts, database and parameters of what follows the user info, or undefined when it is not that. */
function afterUserinfo(text: string): Pick<UrlParts, 'hosts' | 'database' | 'params'> | undefined {
  const m = AFTER_AT.exec(text);
  if (!m) return undefined;
  const params = splitParams(m[3]);
  if (!params) return undefined;
  return { hosts: m[1], ...(m[2] !== undefined ? { database: m[2] } : {}), params };
}

/**
 * Whether `text` reads as a URL or a connection string rather than a directory: it starts with a
 * scheme of two letters or more and `:` (`postgres://`, `postgres:/`, `mysql:`, `localhost:5432`),
 * or holds both `@` and `:` (`user:pw@host/db`, the scheme forgotten).
 *
 * @example
 * looksLikeUrl('postgres:/u:pw@host/db'); // => true
 * looksLikeUrl('./.kpicast/db'); // => false
 */
export function looksLikeUrl(text: string): boolean {
  return SCHEME_LIKE.test(text) || (text.includes('@') && text.includes(':'));
}

/**
 * Splits a URL as written (see the top of this file), or undefined when `text` does not read
 * as `scheme://user:password@host:port/database?key=value` with hosts and parameters well
 * formed. A malformed prefix (`postgres:/`, no scheme) is split too, with `clean` false.
 *
 * @example
 * splitUrl('postgres://u:S3cret/PW@db.example.com:5432/sales')?.hosts; // => 'db.example.com:5432'
 */
export function splitUrl(text: string): UrlParts | undefined {
  const wellFormed = WELL_FORMED.exec(text);
  const schemeLike = wellFormed ?? SCHEME_LIKE.exec(text);
  const prefix = schemeLike ? schemeLike[0] : '';
  const scheme = schemeLike ? schemeLike[1] : '';
  const rest = text.slice(prefix.length);
  let at = rest.indexOf('@');
  if (at < 0) {
    const after = afterUserinfo(rest);
    return after && { scheme, prefix, ...after, clean: wellFormed !== null };
  }
  // The first `@` followed by what hosts, a database and parameters look like ends the user info:
  // a password holding `@` or `/` moves it to a later `@`, a parameter value holding `@` does not.
  for (; at >= 0; at = rest.indexOf('@', at + 1)) {
    const after = afterUserinfo(rest.slice(at + 1));
    if (!after) continue;
    const userinfo = rest.slice(0, at);
    return { scheme, prefix, userinfo, ...after, clean: wellFormed !== null && !/[/?#@]/.test(userinfo) };
  }
  return undefined;
}

/** Whether a URL parameter's value is a secret (`password`, `sslpassword`, `PGPASSWORD`, `token`, `api_key` ...). */
export function isSecretParam(name: string): boolean {
  return SECRET_PARAM.test(decode(name));
}

/**
 * `text` safe to print, log or store when it is a URL with credentials: the password and every
 * secret-looking parameter (`password`, `sslpassword`, `PGPASSWORD`, `token` ...) become `***`.
 * When the URL is malformed (a password with an unencoded `/` or `@`, `postgres:/` for
 * `postgres://`, no scheme), only the scheme, hosts, port and database are kept. A string
 * that does not look like a URL (a directory, `memory`) is returned as is. Works for any
 * scheme: PostgreSQL, MySQL, SMTP, HTTP.
 *
 * @example
 * maskUrl('postgres://alice:s3cr3t@db.example.com:5432/sales?sslmode=require&password=s3cr3t');
 * // => 'postgres://alice:***@db.example.com:5432/sales?sslmode=require&password=***'
 * maskUrl('postgres://u:S3cret/PW@host/db'); // => 'postgres://***@host/db'
 * maskUrl('./.kpicast/db'); // => './.kpicast/db'
 */
export function maskUrl(text: string): string {
  if (!looksLikeUrl(text)) return text;
  const parts = splitUrl(text);
  if (!parts) return `${text.match(SCHEME_LIKE)?.[0] ?? ''}***`;
  const path = parts.database !== undefined ? `/${parts.database}` : '';
  if (!parts.clean) return `${parts.prefix}${parts.userinfo !== undefined ? '***@' : ''}${parts.hosts}${path}`;
  let user = '';
  if (parts.userinfo !== undefined) {
    const colon = parts.userinfo.indexOf(':');
    user = colon < 0 ? `${parts.userinfo}@` : `${parts.userinfo.slice(0, colon)}:***@`;
  }
  const query = parts.params.map(([k, v]) => `${k}=${isSecretParam(k) ? '***' : v}`).join('&');
  return `${parts.prefix}${user}${parts.hosts}${path}${query ? `?${query}` : ''}`;
}

/**
 * The secrets a URL carries, as written and decoded: its password (the whole user info
 * when the URL is malformed) and the values of secret-looking parameters. For scrubbing
 * messages that may quote them (a driver's error).
 *
 * @example
 * urlSecrets('postgres://u:p%40ss@host/db'); // => ['p%40ss', 'p@ss']
 */
export function urlSecrets(text: string): string[] {
  if (!looksLikeUrl(text)) return [];
  const parts = splitUrl(text);
  const found: string[] = [];
  if (!parts) {
    // Nothing can be trusted: everything after the scheme is secret.
    found.push(text.slice(text.match(SCHEME_LIKE)?.[0].length ?? 0));
  } else {
    if (parts.userinfo !== undefined) {
      const colon = parts.userinfo.indexOf(':');
      if (colon >= 0) found.push(parts.userinfo.slice(colon + 1));
      // Malformed: the user name may be half a password, and the password's pieces may be quoted apart.
      if (!parts.clean) found.push(parts.userinfo, ...parts.userinfo.split(/[:@/?#]/).slice(1));
    }
    for (const [k, v] of parts.params) if (isSecretParam(k)) found.push(v);
  }
  const all = found.flatMap((s) => [s, decode(s)]).filter((s) => s.length > 0);
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

/**
 * `message` with every secret of `url` (see urlSecrets) and the URL itself replaced by their
 * masked forms: for wrapping a driver's error about that URL.
 *
 * @example
 * scrubSecrets('connect to postgres://u:pw@h/db failed: pw', 'postgres://u:pw@h/db');
 * // => 'connect to postgres://u:***@h/db failed: ***'
 */
export function scrubSecrets(message: string, url: string): string {
  let out = message.split(url).join(maskUrl(url));
  for (const secret of urlSecrets(url)) out = out.split(secret).join('***');
  return out;
}

/** Names of environment variables whose values are secrets: masked wherever they would be printed or stored. */
const SECRET_ENV = /PASSWORD|SECRET|TOKEN|PSEUDONYM_KEY|API_KEY|PRIVATE/i;

/**
 * `message` with every secret replaced by `***`: the password of any URL (`postgres://u:***@h`),
 * `password=…` / `token=…` pairs, and the values of secret environment variables
 * (KPICAST_SMTP_PASSWORD, anything named *PASSWORD*, *SECRET*, *TOKEN*, …) and of `extra`.
 * What `runs` stores and `kpicast runs` prints goes through here.
 *
 * @example
 * maskSecrets('connect smtp://planner:hunter2@mail.example.com:587 failed');
 * // => 'connect smtp://planner:***@mail.example.com:587 failed'
 */
export function maskSecrets(message: string, extra: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string {
  let out = message.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)@/gi, '$1***@');
  out = out.replace(/\b(password|passwd|pwd|token|secret|api_key|apikey)=([^\s&;,]+)/gi, '$1=***');
  const secrets = [...extra, ...Object.entries(env).filter(([k, v]) => SECRET_ENV.test(k) && v).map(([, v]) => v as string)]
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}
