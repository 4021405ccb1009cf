export interface AccessState {
  required: boolean;
  authenticated: boolean;
}

/** Whether this server wants its access token, and whether this browser already holds a session. */
export async function fetchAccessState(): Promise<AccessState> {
  const response = await fetch('/api/auth', { credentials: 'same-origin' });
  if (!response.ok) return { required: false, authenticated: true };
  return (await response.json()) as AccessState;
}

/** Checks the token once; the server answers with an HttpOnly cookie that every later request carries. */
export async function openSession(token: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const response = await fetch('/api/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (response.ok) return { ok: true };
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  return { ok: false, error: body.error ?? `HTTP ${response.status}` };
}
