import { runCli } from './run-cli';
import { createTerminal } from './terminal';

// `pnpm cli ...` runs in this package's folder: paths on the command line are meant from where pnpm was started.
const cwd = process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();

const code = await runCli(process.argv.slice(2), { terminal: createTerminal(), cwd, env: process.env, stdin: process.stdin });
// Leave at once, with everything written: an idle keep-alive socket must not hold the process open.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
