// Per-project timeouts: integration tests boot databases, e2e tests a browser.
jest.setTimeout(Number(process.env.JEST_TIMEOUT_MS ?? 120000));
