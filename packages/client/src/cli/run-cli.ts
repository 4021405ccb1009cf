import manifest from '../../package.json' with { type: 'json' };
import { analyzeCommand } from './commands/analyze';
import { cancelCommand } from './commands/cancel';
import { compareCommand, comparisonsCommand } from './commands/comparisons';
import { deleteCommand } from './commands/delete';
import { exportCommand } from './commands/export';
import { batchesCommand, showCommand } from './commands/history';
import { modelsCommand } from './commands/models';
import { retryCommand } from './commands/retry';
import type { CommandContext } from './context';
import { helpText, printHelp } from './help';
import { reportError } from './report-error';
import { UsageError } from './usage-error';

type Command = (argv: string[], context: CommandContext) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  analyze: analyzeCommand,
  models: modelsCommand,
  batches: batchesCommand,
  show: showCommand,
  export: exportCommand,
  cancel: cancelCommand,
  retry: retryCommand,
  delete: deleteCommand,
  compare: compareCommand,
  comparisons: comparisonsCommand,
};

/** Runs one command line and answers its exit code; never throws. */
export async function runCli(argv: readonly string[], context: CommandContext): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      const topic = command === 'help' ? rest[0] : undefined;
      if (topic !== undefined && !helpText(topic)) throw new UsageError(`No help for "${topic}": there is no such command.`);
      return printHelp(context.terminal, topic);
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      context.terminal.out(version());
      return 0;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) {
      throw new UsageError(
        command.startsWith('-')
          ? `Put the command first: vision-batch <command> [options] (got "${command}").`
          : `Unknown command "${command}".`,
      );
    }
    return await run(rest, context);
  } catch (error) {
    return reportError(error, context.terminal, context.env);
  }
}

function version(): string {
  // Imported, not read at run time: the compiled CLI (dist/cli.js) carries it.
  return (manifest as { version?: string }).version ?? '0.0.0';
}
