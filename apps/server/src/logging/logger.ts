import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger as ServerLogger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LevelWithSilent[];
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level: LogLevel;
  /** Where the lines go; by default stdout, readable on a terminal and one JSON object per line otherwise. */
  destination?: DestinationStream;
}

/**
 * The server's logger. Piped (systemd's journal, a file, a collector) every line is one JSON object with
 * `level`, `time` (epoch ms), `msg` and the line's fields; on a terminal pino-pretty prints it readable instead.
 * Secrets never reach a line: request headers are not logged, and the paths below are censored in case a field
 * carrying them is ever added.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination =
    options.destination ??
    (process.stdout.isTTY
      ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination: 1, sync: true })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: options.level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'token',
          '*.token',
          'authToken',
          '*.authToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
