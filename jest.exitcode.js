// A test file leaves process.exitCode as it found it. Jest runs in band and a test's `process`
// shares the real exit code, so a library's side effect (PGlite's Emscripten runtime sets
// process.exitCode when its instance quits) would make jest exit 1 after a green run. The
// change is named here, with the file, and undone; a failing test still fails the run.
let before;
beforeAll(() => {
  before = process.exitCode;
});
afterAll(() => {
  if (process.exitCode !== before) {
    console.error(`[exit] ${expect.getState().testPath} left process.exitCode=${process.exitCode}; reset to ${before}`);
    process.exitCode = before;
  }
});
