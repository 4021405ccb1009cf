/** Fixed ports for the e2e run's LM Studio double and app server (Playwright's webServer needs them up front). */
export const DOUBLE_PORT = 41234;
export const APP_PORT = 43100;
export const DOUBLE_ORIGIN = `http://127.0.0.1:${DOUBLE_PORT}`;
