/**
 * The plugin's command line, `strapi-translations <command> [options]` (the package's `bin`), run
 * in the host app's directory: status, shared-relation check, XLIFF export and import, TMX and
 * TBX. Each command boots the app in-process, calls the plugin's services and stops it.
 */
import { run } from './boot';
import checkCommand from './check';
import exportCommand from './export';
import importCommand from './import';
import statusCommand from './status';
import tbxCommand from './tbx';
import tmxCommand from './tmx';

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  status: statusCommand,
  check: checkCommand,
  export: exportCommand,
  import: importCommand,
  tmx: tmxCommand,
  tbx: tbxCommand,
};

/** Runs the command named first in `argv` with the rest; exit code 1 with the message on failure. */
export function main(argv: string[]): void {
  const [name, ...args] = argv;
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  run(async () => {
    if (!command) {
      throw new Error(
        `usage: strapi-translations <${Object.keys(COMMANDS).join('|')}> [options]${name ? ` (unknown command "${name}")` : ''}`
      );
    }
    await command(args);
  });
}
