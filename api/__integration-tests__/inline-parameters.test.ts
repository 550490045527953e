import { inlineParameters } from '../src/platform/db/session';
import { createTestDatabase, type TestDatabase } from './harness';

// A session's first statement carries its parameters written in as literals (so that it can travel
// with the transaction's opening in one message). These statements must answer exactly what they
// answer with the parameters sent apart, on PostgreSQL and on the embedded PGlite.
const CASES: { what: string; sql: string; params: unknown[] }[] = [
  {
    what: 'text with quotes, backslashes, percent signs and CJK; NULL',
    sql: `SELECT $1::text AS t, $2::text AS n, ($1 || '!') AS cat, $3::int IS NULL AS is_null, 'x' ILIKE $4 AS likes`,
    params: ["O'Brien \\ 50% 网格", null, null, '%X%'],
  },
  {
    what: 'numbers where the context types them, and LIMIT',
    sql: `SELECT g * $1::float8 AS f, $2::bigint + 1 AS b, -$3::numeric AS neg FROM generate_series(1, 5) g WHERE g > $4 LIMIT $5`,
    params: [0.1, 9007199254740991, 12.25, 1, 2],
  },
  {
    what: 'arrays with ANY, quotes, commas, braces and NULL inside',
    sql: `SELECT $1::text[] AS a, 'b' = ANY($1) AS has_b, cardinality($2::uuid[]) AS n`,
    params: [
      ['a', 'b', 'c,d', '{e}', 'f"g', null],
      ['6f1e7a9e-3b1c-4c2d-9e8f-0a1b2c3d4e5f', '00000000-0000-0000-0000-000000000001'],
    ],
  },
  {
    what: 'ltree paths, as the scope predicates send them',
    sql: `SELECT 'sg.a.b.c'::ltree <@ ANY($1::ltree[]) AS inside, nlevel($2::ltree) AS levels`,
    params: [['sg.a', 'sg.x'], 'sg.a.b'],
  },
  {
    what: 'dates, booleans and JSON',
    sql: `SELECT $1::timestamptz AS at, $2::boolean AS yes, $3::jsonb AS doc, $3::jsonb ->> 'k' AS k`,
    params: [new Date('2026-12-07T05:45:00.123Z'), false, { k: "it's \\ 网格", n: [1, null] }],
  },
  {
    what: 'PostGIS functions taking the values untyped',
    sql: `SELECT ST_AsText(ST_SetSRID(ST_MakePoint($1, $2), 4326)) AS p,
                 ST_Covers(ST_MakeEnvelope($3, $4, $5, $6, 4326), ST_SetSRID(ST_MakePoint($1, $2), 4326)) AS covered`,
    params: [120.1025, 30.2551, 120, 30, 121, 31],
  },
];

for (const embedded of [false, true]) {
  describe(`parameters written in as literals (${embedded ? 'embedded PGlite' : 'the configured database'})`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase({ embedded });
    });
    afterAll(() => db.close());

    for (const { what, sql, params } of CASES) {
      it(what, async () => {
        const inlined = inlineParameters(sql, params);
        expect(inlined).toBeDefined();
        expect(inlined).not.toMatch(/\$\d/);
        const apart = await db.dataSource.query(sql, params);
        expect(apart.length).toBeGreaterThan(0);
        expect(await db.dataSource.query(inlined!)).toEqual(apart);
      });
    }
  });
}
