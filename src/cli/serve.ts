import type { Command } from 'commander';
import { OptionError } from '../errors.js';
import { globals } from './context.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * `kpicast serve`: the dashboard and the data API over the warehouse. The first stdout line is the
 * URL; a generated token is printed once on stderr. Runs until SIGINT or SIGTERM.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the dashboard and the data API: kpicast serve --port 8080')
    .option('--port <port>', 'port to listen on (0: any free port)', '8080')
    .option('--host <host>', 'address to bind; any other than 127.0.0.1 requires a token (KPICAST_TOKEN or a generated one)', '127.0.0.1')
    .option('--locale <locale>', 'number and date formats: en or fr', 'en')
    .option('--model-file <file>', 'a model declared in YAML or JSON, served beside the built-in ones (repeatable)', collect)
    .action(async (options: Record<string, unknown>, command: Command) => {
      const port = Number(options.port);
      if (!/^\d+$/.test(String(options.port)) || port > 65535) throw new OptionError('--port', options.port, 'an integer from 0 to 65535');
      const locale = String(options.locale);
      if (locale !== 'en' && locale !== 'fr') throw new OptionError('--locale', locale, 'en, fr');
      const { db, quiet } = globals(command);
      // the web server (fastify and the dashboard's pages) loaded only by this command
      const { startServer } = await import('../serve/server.js');
      const server = await startServer({
        port,
        host: String(options.host),
        target: db,
        locale,
        modelFiles: (options.modelFile as string[] | undefined) ?? [],
        logLevel: quiet ? 'warn' : 'info',
      });
      process.stdout.write(`${server.url}\n`);
      if (server.token?.generated) process.stderr.write(`token (shown once): ${server.token.token}  (open ${server.url}?token=<token> once, or send Authorization: Bearer <token>)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}
