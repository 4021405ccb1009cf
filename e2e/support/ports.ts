/**
 * Fixed ports for the e2e run's inference double and app servers (Playwright's webServer needs them up front).
 * `E2E_PORT_OFFSET` shifts them all, so two checkouts can run their browser tests on one machine at once.
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);

export const DOUBLE_PORT = 41234 + offset;
export const APP_PORT = 43100 + offset;
export const DOUBLE_ORIGIN = `http://127.0.0.1:${DOUBLE_PORT}`;

/** A second server with AUTH_TOKEN set, as when it is shared on a network. */
export const GUARDED_APP_PORT = 43102 + offset;
export const GUARDED_TOKEN = 'e2e-access-token-0123456789';
