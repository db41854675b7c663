import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The cookie that keeps a browser's token after its first visit with `?token=`. */
export const TOKEN_COOKIE = 'kpicast_token';

/** True for the loopback addresses the server may bind without a token. */
export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The token the server requires, if any: `KPICAST_TOKEN` when set (on any host); else, bound to a
 * non-loopback host, a fresh random one (`generated: true`, for the caller to print once); else none.
 *
 * @example
 * serverToken('127.0.0.1', {}); // => undefined
 * serverToken('0.0.0.0', { KPICAST_TOKEN: 's3cret-and-long' }); // => { token: 's3cret-and-long', generated: false }
 */
export function serverToken(host: string, env: NodeJS.ProcessEnv = process.env): { token: string; generated: boolean } | undefined {
  const fromEnv = env.KPICAST_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, generated: false };
  if (isLoopback(host)) return undefined;
  return { token: randomBytes(24).toString('base64url'), generated: true };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The URL without its `token` query parameter (where a first visit is redirected). */
function withoutToken(url: string): string {
  const [path, query = ''] = url.split('?', 2);
  const kept = query.split('&').filter((part) => part !== '' && !/^token(=|$)/i.test(part));
  return kept.length ? `${path}?${kept.join('&')}` : path;
}

/**
 * Requires `token` on every request (pages and API alike), as `Authorization: Bearer <token>`, as
 * the HttpOnly cookie set by a first visit, or as `?token=` on that first visit: then the cookie is
 * set (HttpOnly, SameSite=Strict) and the browser redirected to the same URL without the token, so
 * it stays out of the address bar and history. Anything else gets 401 and one JSON line.
 */
export function requireToken(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (typeof header === 'string' && /^Bearer\s+/i.test(header) && same(header.replace(/^Bearer\s+/i, '').trim(), token)) return;
    const query = request.query as Record<string, unknown> | undefined;
    const sent = query?.token;
    if (typeof sent === 'string') {
      if (!same(sent, token)) return reply.code(401).send({ error: 'token: not the token of this server' });
      reply.setCookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/' });
      return reply.redirect(withoutToken(request.url), 303);
    }
    const cookie = request.cookies?.[TOKEN_COOKIE];
    if (typeof cookie === 'string' && same(cookie, token)) return;
    return reply
      .code(401)
      .header('WWW-Authenticate', 'Bearer')
      .send({ error: 'authentication required: send Authorization: Bearer <token>, or open the URL with ?token=<token> once' });
  });
}
