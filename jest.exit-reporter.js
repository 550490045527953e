// Says why jest's exit status is not 0 when every test passed. Tests run in band on a small
// machine, in jest's own process, and a test's `process` shares the real `process.exitCode`
// (its accessor is copied into the sandbox): code under test that sets it (a CLI's failure path,
// a library's signal handler) makes jest exit 1 after a green summary. This names the test file
// after which it changed, and the other reasons jest counts a run as failed.
class ExitReporter {
  constructor() {
    this.exitCode = process.exitCode;
    if (this.exitCode) console.error(`[exit] process.exitCode was already ${this.exitCode} when jest started its reporters`);
  }

  onTestFileResult(test) {
    if (process.exitCode !== this.exitCode) {
      console.error(`[exit] process.exitCode became ${process.exitCode} while running ${test.path}`);
      this.exitCode = process.exitCode;
    }
  }

  onRunComplete(_contexts, results) {
    const reasons = [];
    if (results.numFailedTests) reasons.push(`${results.numFailedTests} failed tests`);
    if (results.numRuntimeErrorTestSuites) reasons.push(`${results.numRuntimeErrorTestSuites} suites failed to run`);
    if (results.snapshot && results.snapshot.failure) reasons.push('snapshot failure (obsolete or unwritten snapshots)');
    if (results.runExecError) reasons.push(`run error: ${results.runExecError.message}`);
    if (process.exitCode && reasons.length === 0 && results.success) {
      // Every test passed and no file left the code set (jest.exitcode.js resets those): the
      // code came from an asynchronous side effect after the last file. It is named, not obeyed.
      console.error(`[exit] process.exitCode is ${process.exitCode} after a green run; reset to 0`);
      process.exitCode = 0;
    }
    if (process.exitCode) reasons.push(`process.exitCode is ${process.exitCode}`);
    if (reasons.length > 0) console.error(`[exit] jest will exit non-zero: ${reasons.join('; ')}`);
    process.on('exit', (code) => {
      if (code !== 0) console.error(`[exit] jest exits with ${code}`);
    });
  }
}
module.exports = ExitReporter;
