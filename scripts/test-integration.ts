/**
 * `npm run test:integration`: the tier of tests that need more than Node (see jest.config.js).
 * Checks first that every service and tool they use is there and says which is missing and how
 * to get it, instead of letting a test fail on a refused connection; then runs the tier.
 * Extra arguments are passed to jest.
 */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { postgresServer } from './lib/database-env';

interface Requirement {
  name: string;
  available(): Promise<boolean>;
  howTo: string;
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const runs = (command: string, args: string[]) => async () =>
  spawnSync(command, args, { stdio: 'ignore' }).status === 0;

const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');

const REQUIREMENTS: Requirement[] = [
  {
    name: `PostgreSQL on ${postgresServer.host}:${postgresServer.port}`,
    available: () => listening(postgresServer.host, postgresServer.port),
    howTo: 'start it (Debian: pg_ctlcluster <version> main start) or set PGHOST/PGPORT',
  },
  {
    name: `Redis on ${redisUrl.hostname}:${redisUrl.port || 6379}`,
    available: () => listening(redisUrl.hostname, Number(redisUrl.port || 6379)),
    howTo: 'start it (redis-server --daemonize yes) or set REDIS_URL',
  },
  {
    name: 'xmllint',
    available: runs('xmllint', ['--version']),
    howTo: 'apt-get install libxml2-utils',
  },
  {
    name: 'Translate Toolkit (python3 translate.storage.xliff)',
    available: runs('/usr/bin/python3', ['-c', 'import translate.storage.xliff']),
    howTo: 'apt-get install translate-toolkit',
  },
  {
    name: 'Varnish with vmod xkey (varnishd, varnish-modules)',
    available: async () =>
      (await runs('varnishd', ['-V'])()) && (await runs('dpkg', ['-s', 'varnish-modules'])()),
    howTo: 'apt-get install varnish varnish-modules',
  },
];

async function main(): Promise<number> {
  const missing: Requirement[] = [];
  for (const requirement of REQUIREMENTS) {
    if (!(await requirement.available())) missing.push(requirement);
  }
  if (missing.length > 0) {
    console.error('The integration tests need what is missing here:');
    for (const { name, howTo } of missing) console.error(`  - ${name}: ${howTo}`);
    return 1;
  }
  const jest = path.resolve(__dirname, '..', 'node_modules', '.bin', 'jest');
  const run = spawnSync(
    jest,
    ['--runInBand', ...process.argv.slice(2), '--selectProjects', 'integration'],
    { stdio: 'inherit' }
  );
  return run.status ?? 1;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
