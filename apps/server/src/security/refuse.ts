import type { Request, Response } from 'express';

/**
 * 403 with a message a person can act on: JSON like every other API error under /api and /trpc (the CLI shows
 * it), plain text for the web app's pages. No `Connection: close`: closing with a refused upload's body still
 * unread makes the kernel reset the connection, and the browser would see a network error instead of the 403;
 * Node reads and discards the rest of the body itself.
 */
export function refuse(req: Request, res: Response, message: string): void {
  res.status(403);
  if (/^\/(api|trpc)(\/|$)/.test(req.path)) res.json({ success: false, error: message });
  else res.type('text/plain; charset=utf-8').send(message);
}
