import { auditServer } from 'graphql-http';
import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

// The GraphQL-over-HTTP conformance audits of graphql-http (serverAudits) against the
// running server, signed in as the street admin. Results are printed for the README.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet({ large: 1, medium: 1, small: 1 }));
});
afterAll(() => api.close());

describe('GraphQL over HTTP audits (graphql-http serverAudits)', () => {
  it('passes every MUST audit', async () => {
    const results = await auditServer({
      url: `${api.url}/graphql`,
      fetchFn: (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', api.adminToken);
        return fetch(input, { ...init, headers });
      },
    });
    const summary = results.map(
      (r) => `${r.status.padEnd(6)} ${r.name}${r.status === 'ok' ? '' : ` — ${(r as { reason: string }).reason}`}`,
    );
    console.log(`graphql-http audits: ${results.filter((r) => r.status === 'ok').length}/${results.length} ok\n${summary.join('\n')}`);
    const mustFailures = results.filter((r) => r.status !== 'ok' && r.name.startsWith('MUST'));
    expect(mustFailures.map((r) => r.name)).toEqual([]);
    expect(results.length).toBeGreaterThan(30);
  });
});
