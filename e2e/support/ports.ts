/** Fixed ports for the e2e run's LM Studio double and app server (Playwright's webServer needs them up front). */
export const DOUBLE_PORT = 41234;
export const APP_PORT = 43100;
export const DOUBLE_ORIGIN = `http://127.0.0.1:${DOUBLE_PORT}`;

/** A second server with AUTH_TOKEN set, as when it is shared on a network. */
export const GUARDED_APP_PORT = 43102;
export const GUARDED_TOKEN = 'e2e-access-token-0123456789';
