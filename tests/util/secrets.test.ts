/**
 * maskUrl and its helpers: what of a connection URL may be printed. Every case of issue 13's
 * "Secrets" section, plus the URLs the source databases and mail servers will use.
 */
import { describe, expect, it } from 'vitest';
import { looksLikeUrl, maskUrl, scrubSecrets, splitUrl, urlSecrets, warehouseKind } from '../../src/index.js';

const SECRET = 'S3cretPW';

describe('maskUrl(text)', () => {
  it.each([
    ['postgres://secuser@127.0.0.1:5432/db?password=S3cretPW', 'postgres://secuser@127.0.0.1:5432/db?password=***'],
    ['postgres://alice:S3cretPW@db.example.com:5432/sales', 'postgres://alice:***@db.example.com:5432/sales'],
    ['postgres://u@h/db?sslmode=require&sslpassword=S3cretPW&PGPASSWORD=S3cretPW', 'postgres://u@h/db?sslmode=require&sslpassword=***&PGPASSWORD=***'],
    ['postgres://u@h/db?application_name=kpi&token=S3cretPW&api_key=S3cretPW', 'postgres://u@h/db?application_name=kpi&token=***&api_key=***'],
    // an unencoded `:` belongs to the password (RFC 3986): masked whole, not half
    ['postgres://u:S3c:S3cretPW@host/db', 'postgres://u:***@host/db'],
    // unencoded `/` or `@`: malformed, so only scheme, host, port and database are shown
    ['postgres://u:S3cret/PW@host/db', 'postgres://***@host/db'],
    ['postgres://u:123/S3cretPW@host:5432/db', 'postgres://***@host:5432/db'],
    ['postgres://u:ab@S3cretPW@host/db?application_name=me@home', 'postgres://***@host/db'],
    // scheme typos and missing schemes
    ['postgres:/u:S3cretPW@host/db', 'postgres:/***@host/db'],
    ['postgresql:/u:S3cretPW@host/db', 'postgresql:/***@host/db'],
    ['postgress://u:S3cretPW@host/db', 'postgress://u:***@host/db'],
    ['mysql:/root:S3cretPW@host/db', 'mysql:/***@host/db'],
    ['u:S3cretPW@host/db', '***@host/db'],
    ['postgres://u:S3cretPW', 'postgres://***'],
    // other schemes with credentials
    ['mysql://root:S3cretPW@127.0.0.1:3306/test', 'mysql://root:***@127.0.0.1:3306/test'],
    ['smtps://me%40example.com:S3cretPW@smtp.example.com:465', 'smtps://me%40example.com:***@smtp.example.com:465'],
    ['https://hooks.example.com/x?token=S3cretPW', 'https://hooks.example.com/x?token=***'],
    // nothing secret: unchanged
    ['postgres://postgres@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'],
    ['postgres://h1:5432,h2:5433/db', 'postgres://h1:5432,h2:5433/db'],
    ['postgres://[::1]:5432/db', 'postgres://[::1]:5432/db'],
    ['./.kpicast/db', './.kpicast/db'],
    ['/var/lib/kpicast', '/var/lib/kpicast'],
    ['memory', 'memory'],
  ])('maskUrl(%j) => %j', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
    expect(maskUrl(url)).not.toContain(SECRET);
  });
});

describe('splitUrl(text)', () => {
  it('reads the user info up to the first @ followed by hosts and a database, not as the WHATWG parser does', () => {
    // new URL() reads this as host "u", port 123 and a path holding the password
    expect(splitUrl('postgres://u:123/PW@host/db')).toMatchObject({ userinfo: 'u:123/PW', hosts: 'host', database: 'db', clean: false });
    expect(splitUrl('postgres://u:pw@host:5432/db?x=a@b')).toMatchObject({ userinfo: 'u:pw', hosts: 'host:5432', database: 'db', params: [['x', 'a@b']], clean: true });
  });
});

describe('urlSecrets(url) and scrubSecrets(message, url)', () => {
  it('finds the password as written and decoded, and secret parameters', () => {
    expect(urlSecrets('postgres://u:p%40ss@host/db?sslpassword=zz')).toEqual(['p%40ss', 'p@ss', 'zz']);
  });

  it('scrubs a driver message quoting the URL or the password', () => {
    const url = 'postgres://u:S3cretPW@host/db';
    expect(scrubSecrets(`could not use ${url}: bad password S3cretPW`, url)).toBe('could not use postgres://u:***@host/db: bad password ***');
  });
});

describe('looksLikeUrl(text) and warehouseKind(target)', () => {
  it('a directory, memory and a valid postgres URL are told apart', () => {
    expect(looksLikeUrl('C:/data/kpicast')).toBe(false);
    expect(warehouseKind('memory')).toBe('memory');
    expect(warehouseKind('./.kpicast/db')).toBe('directory');
    expect(warehouseKind('./backup:2024')).toBe('directory');
    expect(warehouseKind('postgres://u:S3c:S3cretPW@host/db')).toBe('postgres');
    expect(warehouseKind('postgresql://u:p%2Fw@host/db')).toBe('postgres');
  });

  it.each([
    ['postgres:/u:S3cretPW@host/db', 'postgres:/ instead of postgres://'],
    ['postgresql:/u:S3cretPW@host/db', 'postgresql:/ instead of postgresql://'],
    ['postgress://u:S3cretPW@host/db', 'unknown scheme postgress:'],
    ['mysql://root:S3cretPW@host/db', 'scheme mysql: is not postgres:// or postgresql://'],
    ['postgres://u:S3cret/PW@host/db', 'the user name or password holds an unencoded / ? # or @'],
    ['u:S3cretPW@host/db', 'no scheme'],
    ['localhost:5432/db', 'scheme localhost: is not postgres:// or postgresql://'],
  ])('a URL that is not a valid postgres:// one is refused in one line, masked: %s', (target, why) => {
    let message = '';
    try {
      warehouseKind(target);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`is not a valid URL: ${why}`);
    expect(message).toContain(`warehouse ${JSON.stringify(maskUrl(target))} (--db or $KPICAST_DB)`);
    expect(message).not.toContain('S3cret');
    expect(message.split('\n')).toHaveLength(1);
  });
});
