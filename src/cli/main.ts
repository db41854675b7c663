import { Command, CommanderError } from 'commander';
import { KpicastError } from '../errors.js';
import { commands } from './commands.js';
import { componentOf } from './context.js';
import { configureLogFile, logToFile } from '../util/log.js';

/** `schedule add`, `load`: a command's name with its parents', without the program's. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Builds the `kpicast` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('kpicast')
    .description('Load business data into a Postgres warehouse, compute KPIs, forecast 4 weeks ahead')
    .option('--db <target>', 'warehouse: postgres://... URL, a directory, or "memory" (default: $KPICAST_DB or ./.kpicast/db)')
    .option('-q, --quiet', 'no progress or step lines on stderr')
    .option('--log-file <file>', 'also write every log line as JSON (pino, with its component) to this file (default: $KPICAST_LOG_FILE)')
    .showHelpAfterError(false)
    .exitOverride()
    .hook('preAction', (_program, action) => {
      const file = action.optsWithGlobals<{ logFile?: string }>().logFile ?? (process.env.KPICAST_LOG_FILE || undefined);
      configureLogFile(file);
      if (file) logToFile('info', componentOf(action), `kpicast ${commandPath(action)}`, { pid: process.pid });
    });
  for (const register of commands) register(program);
  return program;
}

/**
 * Runs the CLI on `argv` (as `process.argv`) and returns the exit code:
 * 0 on success, 1 for a problem with input or environment (one line on stderr), 2 for bad usage.
 */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (help, version, usage error)
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof KpicastError) {
      process.stderr.write(`kpicast: ${error.message}\n`);
      logToFile('error', 'cli', error.message, { code: error.code });
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    logToFile('error', 'cli', message.split('\n')[0]);
    process.stderr.write(`kpicast: ${message.split('\n')[0]}\n`);
    if (process.env.KPICAST_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 1;
  }
}
