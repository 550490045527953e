import type { DataSource } from '@streetgrid/api';
import { sha256, upsertUser } from '@streetgrid/api';

/** The demo accounts' password (development only; README lists the logins). */
export const DEMO_PASSWORD = 'streetgrid';
/** The demo department's API key (development only; stored hashed like any other). */
export const DEMO_API_KEY = 'sgk_demo_civil_affairs_development_only';

/**
 * Demo accounts on the first street: a street admin, a command-centre operator, one leader
 * per grid level (of the first grid of each level, the small one inside the medium inside
 * the large), a resident of that small grid, and a civil-affairs department key.
 */
export async function seedDemoUsers(ds: DataSource): Promise<string[]> {
  const [small]: { id: string; code: string; medium_id: string; large_id: string }[] = await ds.query(
    `SELECT s.id, s.code, m.id AS medium_id, l.id AS large_id
       FROM grid s JOIN grid m ON m.id = s.parent_id JOIN grid l ON l.id = m.parent_id
      WHERE s.level = 'SMALL' AND EXISTS (SELECT 1 FROM building b WHERE b.grid_id = s.id)
      ORDER BY s.code LIMIT 1`,
  );
  if (!small) return [];
  const [resident]: { id: string; name: string }[] = await ds.query(
    `SELECT r.id, r.name FROM resident r JOIN household h ON h.id = r.household_id JOIN building b ON b.id = h.building_id
      WHERE b.grid_id = $1 ORDER BY r.id LIMIT 1`,
    [small.id],
  );
  const users = [
    { login: 'admin', displayName: '街道管理员', role: 'STREET_ADMIN' as const },
    { login: 'operator', displayName: '指挥中心值班员', role: 'OPERATOR' as const },
    { login: 'leader-large', displayName: '大网格长', role: 'GRID_LEADER' as const, gridIds: [small.large_id] },
    { login: 'leader-medium', displayName: '中网格长', role: 'GRID_LEADER' as const, gridIds: [small.medium_id] },
    { login: 'leader-small', displayName: '小网格长', role: 'GRID_LEADER' as const, gridIds: [small.id] },
    { login: 'resident', displayName: resident?.name ?? '居民', role: 'RESIDENT' as const, residentId: resident?.id ?? null },
  ];
  await ds.transaction(async (m) => {
    for (const u of users) await upsertUser(m, { ...u, password: DEMO_PASSWORD });
    await m.query(
      `INSERT INTO api_key (name, department, prefix, key_hash, scopes, rate_per_minute)
       VALUES ('民政数据同步', '区民政局', $1, $2, $3, 600) ON CONFLICT (key_hash) DO NOTHING`,
      [DEMO_API_KEY.slice(0, 10), sha256(DEMO_API_KEY), ['Street', 'Grid', 'Building', 'Household', 'Case']],
    );
  });
  return users.map((u) => u.login);
}
