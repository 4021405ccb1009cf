/** Where the CLI writes: results to stdout, diagnostics and progress to stderr, ANSI only on a terminal. */
export interface Terminal {
  out(text: string): void;
  err(text: string): void;
  /** An error line on stderr: printed even under --quiet, which silences `err`. */
  error(text: string): void;
  /** Raw writes, for downloads that must pass through byte for byte. */
  writeOut(chunk: string): Promise<void>;
  stdoutStyle: Style;
  stderrStyle: Style;
  /** Whether stdout is a terminal that takes colour (no NO_COLOR): only then marks such as ✓ ✗ instead of words. */
  stdoutDecorated: boolean;
  /** Whether stderr is a terminal: only then is there a live progress bar. */
  stderrIsTty: boolean;
  stderrColumns: number;
  /** Rewrites the last line of stderr in place (the progress bar); `undefined` clears it. */
  setStatusLine(text: string | undefined): void;
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

export const PLAIN_STYLE: Style = { bold: (t) => t, dim: (t) => t, red: (t) => t, green: (t) => t, yellow: (t) => t };
const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const coloured: Style = { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), green: ansi(32, 39), yellow: ansi(33, 39) };

function wantsColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

export function createTerminal(
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
  env = process.env,
): Terminal {
  let status: string | undefined;
  const stderrIsTty = Boolean(stderr.isTTY) && env.TERM !== 'dumb';
  const clearStatus = () => {
    if (status !== undefined) stderr.write('\r\u001b[2K');
  };
  const err = (text: string) => {
    clearStatus();
    stderr.write(`${text}\n`);
    if (status !== undefined) stderr.write(status);
  };
  return {
    out: (text) => stdout.write(`${text}\n`),
    err,
    error: err,
    writeOut: (chunk) => new Promise((resolve, reject) => stdout.write(chunk, (error) => (error ? reject(error) : resolve()))),
    stdoutStyle: wantsColour(stdout, env) ? coloured : PLAIN_STYLE,
    stdoutDecorated: wantsColour(stdout, env),
    stderrStyle: wantsColour(stderr, env) ? coloured : PLAIN_STYLE,
    stderrIsTty,
    stderrColumns: stderr.columns || 80,
    setStatusLine: (text) => {
      if (!stderrIsTty) return;
      clearStatus();
      status = text;
      if (text !== undefined) stderr.write(text);
    },
  };
}

/** `--quiet`: stderr keeps only errors (no notes, no per-image lines, no progress bar); stdout is unchanged. */
export function quietTerminal(terminal: Terminal): Terminal {
  return { ...terminal, err: () => undefined, stderrIsTty: false, setStatusLine: () => undefined };
}
