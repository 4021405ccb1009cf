import type { CommandContext } from '../cli/context';
import { runCli } from '../cli/run-cli';
import { PLAIN_STYLE, type Terminal } from '../cli/terminal';

/** Runs a command line in this process, capturing what it prints, as piped output would be (no TTY). */
export async function runCliInProcess(argv: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const terminal: Terminal = {
    out: (text) => void (stdout += `${text}\n`),
    err: (text) => void (stderr += `${text}\n`),
    error: (text) => void (stderr += `${text}\n`),
    writeOut: async (chunk) => void (stdout += chunk),
    stdoutStyle: PLAIN_STYLE,
    stderrStyle: PLAIN_STYLE,
    stdoutDecorated: false,
    stderrIsTty: false,
    stderrColumns: 80,
    setStatusLine: () => undefined,
  };
  const context: CommandContext = {
    terminal,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    stdin: options.stdin === undefined ? undefined : [options.stdin],
  };
  const code = await runCli(argv, context);
  return { code, stdout, stderr };
}
