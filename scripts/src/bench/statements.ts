import { createApp, jwtSecret, readConfig, type Database } from '@streetgrid/api';
import { benchAuthorization } from './api-process';

/** Representative operations and the SQL statements each sends (N+1 shows as growth). */
const OPERATIONS: Record<string, string> = {
  'gridAt (chain of 3)': `{ gridAt(lng: $LNG, lat: $LAT) { code level parent { code } counts { residents } leaders { name } } }`,
  'grids LARGE → children → counts': `{
    grids(level: LARGE, first: 20) { nodes { code children { code counts { buildings households residents } } } }
  }`,
  '50 small grids → buildings → households → residents': `{
    grids(level: SMALL, first: 50) { nodes { code buildings(first: 20) { name households { room residents { name phone } } } } }
  }`,
  'residents(search) page of 50 → household → building → grid': `{
    residents(search: "王", first: 50) { totalCount nodes { name household { address building { grid { code } } } } }
  }`,
  // The five reads of `pnpm bench api` (issue #15), as that bench sends them.
  'api: gridAt chain with geometry': `{ gridAt(lng: $LNG, lat: $LAT) { id code name level geometry } }`,
  'api: a large grid → medium → small with building counts': `{
    grid(code: "$CODE") { code children { code children { code counts { buildings } } } }
  }`,
  'api: 100 households with residents and building address': `{
    households(first: 100) { nodes { id address building { address } residents { name } } }
  }`,
  'api: 50 cases with their grid code': `{ cases(first: 50) { nodes { id status category reportedAt grid { code } } } }`,
  'api: { __typename }': `{ __typename }`,
  'households(tags) page of 100 → residents': `{
    households(tags: [ELDERLY_ALONE], first: 100) { totalCount nodes { address residents { name birthYear } } }
  }`,
};

export async function benchStatements(db: Database & { url: string }): Promise<Record<string, number>> {
  const [{ x, y, community }] = await db.dataSource.query(
    `SELECT ST_X(label_point) x, ST_Y(label_point) y, (SELECT code FROM grid WHERE level = 'LARGE' ORDER BY code LIMIT 1) AS community
       FROM grid WHERE level = 'SMALL' ORDER BY code LIMIT 1`,
  );
  const app = await createApp({ ...readConfig({}), port: 0 }, db);
  const authorization = await benchAuthorization(db.url, jwtSecret() as Parameters<typeof benchAuthorization>[1]);
  const url = await app.listen();
  const counts: Record<string, number> = {};
  try {
    // A warm token: the verified caller is cached (issue #15), so the counts are the operations' own.
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    for (const [name, template] of Object.entries(OPERATIONS)) {
      const query = template.replace('$LNG', String(x)).replace('$LAT', String(y)).replace('$CODE', community);
      db.counter.reset();
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { errors?: { message: string }[] };
      if (body.errors) throw new Error(`${name}: ${body.errors[0].message}`);
      counts[name] = db.counter.count;
    }
  } finally {
    await app.stop();
  }
  return counts;
}
