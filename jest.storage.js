// Case photos (STORAGE_DIR, default ./.data/photos) go to a temporary folder per test file,
// removed afterwards: a test run leaves nothing in the checkout's .data.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const previous = process.env.STORAGE_DIR;
const dir = mkdtempSync(join(tmpdir(), 'streetgrid-photos-'));
process.env.STORAGE_DIR = dir;
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (previous === undefined) delete process.env.STORAGE_DIR;
  else process.env.STORAGE_DIR = previous;
});
