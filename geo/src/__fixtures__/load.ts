import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads `__fixtures__/<name>.json` as the parsed JSON a client would send. Tests only: it uses fs. */
export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, `${name}.json`), 'utf8'));
}
