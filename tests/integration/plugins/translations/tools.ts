/**
 * The external tools of the integration tests. A missing tool fails the test with what to install
 * (Debian package names), never skips it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { XliffVersion } from '../../../../src/plugins/translations/server/src/lib/xliff';

const SCHEMAS = path.join(__dirname, 'xliff-schemas');
const SCHEMA: Record<XliffVersion, string> = {
  '2.0': 'xliff_core_2.0.xsd',
  '1.2': 'xliff-core-1.2-strict.xsd',
};
const PYTHON = '/usr/bin/python3';

/**
 * Validates an XLIFF file against the OASIS schema of its version with xmllint (offline: the
 * catalog maps the schemas' imports to the local copies).
 */
export function validateXliff(
  file: string,
  version: XliffVersion
): { status: number | null; output: string } {
  const result = spawnSync(
    'xmllint',
    ['--nonet', '--noout', '--schema', path.join(SCHEMAS, SCHEMA[version]), file],
    {
      env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMAS, 'catalog.xml') },
      encoding: 'utf8',
    }
  );
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error('xmllint not found: apt-get install libxml2-utils');
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * Opens an XLIFF 1.2 file in Translate Toolkit, translates every unit as a CAT tool would, saves
 * it to `output` and returns the unit ids it saw (translate-toolkit-edit.py).
 */
export function translateToolkitEdit(input: string, output: string): string[] {
  const probe = spawnSync(PYTHON, ['-c', 'import translate.storage.xliff'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(
      `Translate Toolkit not found (${PYTHON} cannot import translate.storage.xliff): apt-get install translate-toolkit`
    );
  const script = path.join(__dirname, 'translate-toolkit-edit.py');
  return execFileSync(PYTHON, [script, input, output], { encoding: 'utf8' }).trim().split('\n');
}
