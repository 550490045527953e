import { testConfig } from './harness';
import { openDatabase } from '../src/app/database';
import { fixtureStreet } from '../src/seed/fixture-street';
import { writeStreet } from '../src/seed/write-street';
import { createApp } from '../src/app/server';
import { signAccessToken, upsertUser } from '../src/platform/identity';
import { jwtSecret } from '../src/platform/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The embedded default (no DATABASE_URL): PGlite + PostGIS behind a socket, on disk.
describe('embedded default', () => {
  it('boots, migrates, keeps data across a restart, and answers gridAt', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'streetgrid-embedded-'));
    try {
      const first = await openDatabase({ dataDir });
      await first.dataSource.transaction((m) => writeStreet(m, fixtureStreet()));
      await first.close();

      const db = await openDatabase({ dataDir });
      const app = await createApp(testConfig(), db);
      const url = await app.listen();
      try {
        const health = await fetch(`${url}/healthz`);
        expect(health.status).toBe(200);
        const anonymous = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `{ gridAt(lng: 120.102, lat: 30.255) { level code } }` }),
        });
        expect(anonymous.status).toBe(401);
        const userId = await db.dataSource.transaction((m) =>
          upsertUser(m, { login: 'smoke', displayName: 'smoke', password: 'x', role: 'OPERATOR' }),
        );
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${await signAccessToken(userId, 'OPERATOR', jwtSecret())}`,
          },
          body: JSON.stringify({ query: `{ gridAt(lng: 120.102, lat: 30.255) { level code } }` }),
        });
        const body = (await res.json()) as { data: { gridAt: { level: string; code: string }[] } };
        expect(body.data.gridAt.map((g) => g.level)).toEqual(['SMALL', 'MEDIUM', 'LARGE']);
        expect(body.data.gridAt[0].code).toBe('3301060010010010001');
      } finally {
        await app.stop();
        await db.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
