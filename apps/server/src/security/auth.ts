import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import { sendRefusal } from '../http/refusal';

export const SESSION_COOKIE = 'vision_session';

const digest = (value: string) => createHash('sha256').update(value).digest();

function sameSecret(candidate: string | undefined, expected: Buffer): boolean {
  return candidate !== undefined && timingSafeEqual(digest(candidate), expected);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * With AUTH_TOKEN set, every API route (uploads, tRPC, subscriptions, exports, thumbnails) needs it: as
 * `Authorization: Bearer <token>`, or, for the browser (EventSource and <img> cannot send headers), as the
 * HttpOnly SameSite=Strict session cookie that `POST /api/session` sets after checking the token once.
 * The cookie holds a hash of the token, never the token itself.
 */
export function createAuth(token: string | undefined): { routes: Router; guard: RequestHandler } {
  const routes = Router();
  const expected = token ? digest(token) : undefined;
  const sessionValue = token ? digest(`session:${token}`).toString('hex') : undefined;

  const authenticated = (req: express.Request): boolean => {
    if (!expected) return true;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
    if (sameSecret(bearer, expected)) return true;
    const cookie = cookieValue(req.get('cookie'), SESSION_COOKIE);
    return cookie !== undefined && sessionValue !== undefined && sameSecret(cookie, digest(sessionValue));
  };

  routes.get('/api/auth', (req, res) => {
    res.json({ required: Boolean(expected), authenticated: authenticated(req) });
  });
  routes.post('/api/session', express.json({ limit: '4kb' }), (req, res) => {
    if (!expected || !sessionValue) {
      res.json({ authenticated: true });
      return;
    }
    const given = typeof req.body?.token === 'string' ? req.body.token : undefined;
    if (!sameSecret(given, expected)) {
      sendRefusal(res, 'access-token-wrong', 'That access token is not right.');
      return;
    }
    res.cookie(SESSION_COOKIE, sessionValue, { httpOnly: true, sameSite: 'strict', path: '/' }).json({ authenticated: true });
  });
  routes.delete('/api/session', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' }).json({ authenticated: false });
  });

  const guard: RequestHandler = (req, res, next) => {
    if (authenticated(req)) return next();
    res.set('WWW-Authenticate', 'Bearer realm="vision-batch"');
    sendRefusal(res, 'access-token-required', 'This server needs its access token: send "Authorization: Bearer <AUTH_TOKEN>".');
  };
  return { routes, guard };
}
