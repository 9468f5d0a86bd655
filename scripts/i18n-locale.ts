/**
 * `npm run i18n:locale -- <command>`: the locale lifecycle (src/i18n/locale-lifecycle.ts).
 *
 *   add fr --name "Französisch" [--fallback en,de]   create the locale, its role, its chain; unlaunched
 *   list [--json]                                      every locale with state and coverage
 *   launch fr [--min-coverage 90] [--force]            offer it to the public
 *   unlaunch fr                                        take it back
 *   fallback fr en,de                                  set its chain ("" for none)
 *   remove fr [--export-to fr.xlf]                     delete it (refused while versions exist)
 *
 * Exit code 1 with the message on bad input; nothing is half-made.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createStrapi, type Core } from '@strapi/strapi';
import { compileApp } from './lib/compile-app';
import { localeLifecycle, type LocaleState, removeLocale } from '../src/i18n/locale-lifecycle';
import { parseLocaleList } from '../src/lib/i18n/locale-code';

const USAGE =
  'usage: npm run i18n:locale -- <add CODE --name NAME [--fallback a,b] | list [--json] | ' +
  'launch CODE [--min-coverage N] [--force] | unlaunch CODE | fallback CODE a,b | remove CODE [--export-to FILE]>';

const describe = (locale: LocaleState): string =>
  `${locale.code.padEnd(6)} ${(locale.launched ? 'launched' : 'unlaunched').padEnd(10)} ` +
  `${`${locale.percent.toFixed(1)} %`.padStart(7)} translated ${`${locale.reviewedPercent.toFixed(1)} %`.padStart(7)} reviewed  ` +
  `${locale.name}${locale.isDefault ? ' (default)' : ''}` +
  (locale.fallback.length > 0 ? `  fallback ${[locale.code, ...locale.fallback].join(' → ')}` : '');

function printList(locales: LocaleState[]): void {
  for (const locale of locales) {
    console.log(describe(locale));
    for (const type of locale.coverage) {
      console.log(
        `         ${type.displayName}: ${type.translated}/${type.total} translated, ${type.reviewed}/${type.total} reviewed`
      );
    }
  }
}

/** One positional argument: the locale code. */
function codeOf(positionals: string[], command: string): string {
  const [code, ...rest] = positionals;
  if (!code || rest.length > 0) throw new Error(`${command} needs one locale code. ${USAGE}`);
  return code;
}

async function runCommand(strapi: Core.Strapi, argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      fallback: { type: 'string' },
      json: { type: 'boolean', default: false },
      'min-coverage': { type: 'string' },
      force: { type: 'boolean', default: false },
      'export-to': { type: 'string' },
    },
  });
  switch (command) {
    case 'add': {
      const code = codeOf(positionals, 'add');
      if (values.name === undefined) throw new Error(`add needs --name. ${USAGE}`);
      const added = await localeLifecycle(strapi).add({
        code,
        name: values.name,
        fallback: values.fallback ? parseLocaleList(values.fallback) : [],
      });
      console.log(`Added ${describe(added)}`);
      console.log(
        `Launch it when it is ready: npm run i18n:locale -- launch ${code} --min-coverage 90`
      );
      return;
    }
    case 'list': {
      const started = process.hrtime.bigint();
      const locales = await localeLifecycle(strapi).list();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (values.json) console.log(JSON.stringify(locales, null, 2));
      else printList(locales);
      // On stderr, so that --json stays parseable.
      console.error(`coverage of ${locales.length} locales computed in ${ms.toFixed(0)} ms`);
      return;
    }
    case 'launch': {
      const raw = values['min-coverage'];
      const minCoverage = raw === undefined ? 0 : Number(raw);
      if (raw !== undefined && (raw.trim() === '' || Number.isNaN(minCoverage))) {
        throw new Error(`--min-coverage must be a number from 0 to 100, got "${raw}".`);
      }
      const launched = await localeLifecycle(strapi).launch(codeOf(positionals, 'launch'), {
        minCoverage,
        force: values.force,
      });
      console.log(`Launched ${describe(launched)}`);
      return;
    }
    case 'unlaunch':
      console.log(
        `Unlaunched ${describe(await localeLifecycle(strapi).unlaunch(codeOf(positionals, 'unlaunch')))}`
      );
      return;
    case 'fallback': {
      const [code, list, ...rest] = positionals;
      if (!code || list === undefined || rest.length > 0)
        throw new Error(`fallback needs a code and a list. ${USAGE}`);
      console.log(
        `Set ${describe(await localeLifecycle(strapi).setFallback(code, parseLocaleList(list)))}`
      );
      return;
    }
    case 'remove': {
      const code = codeOf(positionals, 'remove');
      const { exported } = await removeLocale(strapi, code, { exportTo: values['export-to'] });
      console.log(
        `Removed ${code}${exported > 0 ? ` (${exported} units exported to ${values['export-to']})` : ''}`
      );
      return;
    }
    default:
      throw new Error(command ? `Unknown command "${command}". ${USAGE}` : USAGE);
  }
}

async function main(): Promise<void> {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.STRAPI_DISABLE_UPDATE_NOTIFICATION = 'true';
  process.env.STRAPI_LOG_LEVEL ??= 'error';
  const argv = process.argv.slice(2);
  // Usage errors before the app boots.
  if (!argv[0] || !['add', 'list', 'launch', 'unlaunch', 'fallback', 'remove'].includes(argv[0])) {
    throw new Error(argv[0] ? `Unknown command "${argv[0]}". ${USAGE}` : USAGE);
  }
  const appDir = path.resolve(__dirname, '..');
  const strapi = await createStrapi(await compileApp({ appDir })).load();
  strapi.log.level = process.env.STRAPI_LOG_LEVEL;
  await runCommand(strapi, argv);
  // No strapi.destroy(): as in scripts/seed.ts (PostgreSQL aborts queued background queries);
  // every write above is committed.
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
