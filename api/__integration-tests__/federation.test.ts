import { composeServices } from '@apollo/composition';
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { civilAffairsSchema, civilAffairsTypeDefs } from '../src/platform/graphql/department-subgraph';
import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApi, type TestApi } from './harness';

// The periodic sweeps share the counted DataSource: off, so that no tick lands inside a counted window.
process.env.CASE_SWEEP_MS = '0';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(fixtureStreet());
});
afterAll(() => api.close());

const civilAffairs = civilAffairsSchema();

describe('federation', () => {
  it('publishes its SDL with @key on every entity', async () => {
    const res = await api.gql<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
    const sdl = res.data!._service.sdl;
    for (const type of ['Street', 'Grid', 'Building', 'Household', 'Resident', 'PartyOrganization']) {
      expect(sdl).toMatch(new RegExp(`type ${type} @key\\(fields: "id"\\)`));
    }
    expect(sdl).toMatch(/type Grid @key\(fields: "id"\) @key\(fields: "code"\)/);
  });

  it('resolves _entities by id and by code through the loaders, one statement per type', async () => {
    const grid = await api.gql<{ grid: { id: string } }>(`{ grid(code: "330106001001") { id } }`);
    api.db.counter.reset();
    const res = await api.gql<{ _entities: ({ code?: string; name?: string } | null)[] }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Grid { code name } } }`,
      {
        reps: [
          { __typename: 'Grid', id: grid.data!.grid.id },
          { __typename: 'Grid', code: '330106001002' },
          { __typename: 'Grid', code: '330106001001001' },
          { __typename: 'Grid', id: '00000000-0000-4000-8000-000000000000' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((e) => e?.code ?? null)).toEqual(['330106001001', '330106001002', '330106001001001', null]);
    // One batched load by id, one by code (the caller is cached: the token is warm from the query above).
    expect(api.db.counter.count).toBe(2);
  });

  it('composes with a department subgraph and answers one query across both through a gateway', async () => {
    const sdl = (await api.gql<{ _service: { sdl: string } }>(`{ _service { sdl } }`)).data!._service.sdl;
    const composed = composeServices([
      { name: 'streetgrid', typeDefs: parse(sdl), url: `${api.url}/graphql` },
      { name: 'civil-affairs', typeDefs: civilAffairsTypeDefs, url: 'http://civil-affairs.invalid/graphql' },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    const gateway = new ApolloGateway({
      supergraphSdl: composed.supergraphSdl!,
      buildService: ({ name, url }) =>
        name === 'civil-affairs'
          ? new LocalGraphQLDataSource(civilAffairs)
          : new RemoteGraphQLDataSource({
              url,
              // The router passes the department's credential on to our subgraph.
              willSendRequest: ({ request }) => request.http?.headers.set('authorization', api.adminToken),
            }),
    });
    const server = new ApolloServer({ gateway });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{
            households(tags: [ELDERLY_ALONE], first: 2) { nodes { id address subsidyStatus building { grid { code } } } }
            subsidyPrograms
          }`,
        }),
      });
      const body = (await res.json()) as {
        data: {
          households: { nodes: { id: string; subsidyStatus: string; building: { grid: { code: string } } }[] };
          subsidyPrograms: string[];
        };
        errors?: unknown;
      };
      expect(body.errors).toBeUndefined();
      const [first] = body.data.households.nodes;
      expect(first.subsidyStatus).toBe(`低保在册:${first.id.slice(0, 4)}`);
      expect(first.building.grid.code).toMatch(/^330106001\d{10}$/);
      expect(body.data.subsidyPrograms).toContain('低保');
    } finally {
      await server.stop();
    }
  });
});
