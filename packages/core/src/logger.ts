/**
 * What core says to the operator goes through this: the host injects its logger (pino in the server, whose
 * `info(fields, message)` matches), so core stays free of any logging framework. Fields are structured data
 * (ids, counts, seconds); never file contents or secrets.
 */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Says nothing: the default where no logger is given (tests, library use). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
