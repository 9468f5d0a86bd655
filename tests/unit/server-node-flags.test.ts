import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../scripts/lib/server-node-flags';

const root = path.resolve(__dirname, '..', '..');

describe('the production server’s Node flags', () => {
  it('are what `npm start` passes to node, so the bench and the soak measure what runs', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const command =
      /\bnode ((?:--\S+ )*)node_modules\/@strapi\/strapi\/bin\/strapi\.js start$/.exec(
        scripts.start
      );
    expect(command).not.toBeNull();
    expect(command?.[1].trim().split(' ')).toEqual([...SERVER_NODE_FLAGS]);
  });

  it('are accepted by this Node (node refuses an unknown option with exit code 9)', () => {
    const output = execFileSync(
      process.execPath,
      [...SERVER_NODE_FLAGS, '-e', 'process.stdout.write(JSON.stringify(process.execArgv))'],
      { encoding: 'utf8' }
    );
    expect((JSON.parse(output) as string[]).slice(0, SERVER_NODE_FLAGS.length)).toEqual([
      ...SERVER_NODE_FLAGS,
    ]);
  });
});
