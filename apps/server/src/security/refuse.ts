import type { Request, Response } from 'express';

/**
 * 403 with a message a person can act on: JSON like every other API error under /api and /trpc (the CLI shows
 * it), plain text for the web app's pages. `Connection: close` because a refused upload's body is never read.
 */
export function refuse(req: Request, res: Response, message: string): void {
  res.status(403).set('Connection', 'close');
  if (/^\/(api|trpc)(\/|$)/.test(req.path)) res.json({ success: false, error: message });
  else res.type('text/plain; charset=utf-8').send(message);
}
