import type { EntityManager } from '@streetgrid/api';
import type { UserRole } from '@streetgrid/api/platform/identity/viewer';
import { sha256, upsertUser } from '@streetgrid/api';
import { ActorRole } from '@streetgrid/api/platform/identity/actor';
import { MatchingService } from '@streetgrid/api/domains/service/matching/matching.service';
import { MatchMethod } from '@streetgrid/api/domains/service/service.entity';

/** The demo accounts' password (development only; README lists the logins). */
export const DEMO_PASSWORD = 'streetgrid';
/** The demo accounts `seedDemoUsers` creates, in its order (`volunteer` when the street has a helper to give it). */
export const DEMO_LOGINS = [
  'admin',
  'operator',
  'leader-large',
  'leader-medium',
  'leader-small',
  'resident',
  'department',
  'volunteer',
] as const;
/** The demo department's API key (development only; stored hashed like any other). */
export const DEMO_API_KEY = 'sgk_demo_civil_affairs_development_only';

/**
 * Demo accounts on the first street: a street admin, a command-centre operator, one leader
 * per grid level (of the first grid of each level, the small one inside the medium inside
 * the large), a resident of that small grid, a volunteer (志愿者) owning a registration of
 * that community with this week's tasks waiting for an answer, a staff member of the 城管中队
 * department (its case inbox), and a civil-affairs
 * department key. Runs in the caller's transaction (`m`), so a first start seeds all or nothing.
 */
export async function seedDemoUsers(m: EntityManager): Promise<string[]> {
  const [small]: { id: string; code: string; medium_id: string; large_id: string }[] = await m.query(
    `SELECT s.id, s.code, m.id AS medium_id, l.id AS large_id
       FROM grid s JOIN grid m ON m.id = s.parent_id JOIN grid l ON l.id = m.parent_id
      WHERE s.level = 'SMALL' AND EXISTS (SELECT 1 FROM building b WHERE b.grid_id = s.id)
      ORDER BY s.code LIMIT 1`,
  );
  if (!small) return [];
  const [resident]: { id: string; name: string }[] = await m.query(
    `SELECT r.id, r.name FROM resident r JOIN household h ON h.id = r.household_id JOIN building b ON b.id = h.building_id
      WHERE b.grid_id = $1 ORDER BY r.id LIMIT 1`,
    [small.id],
  );
  const users: {
    login: string;
    displayName: string;
    role: UserRole;
    gridIds?: string[];
    residentId?: string | null;
    departmentCode?: string;
  }[] = [
    { login: 'admin', displayName: '街道管理员', role: 'STREET_ADMIN' },
    { login: 'operator', displayName: '指挥中心值班员', role: 'OPERATOR' },
    { login: 'leader-large', displayName: '大网格长', role: 'GRID_LEADER', gridIds: [small.large_id] },
    { login: 'leader-medium', displayName: '中网格长', role: 'GRID_LEADER', gridIds: [small.medium_id] },
    { login: 'leader-small', displayName: '小网格长', role: 'GRID_LEADER', gridIds: [small.id] },
    { login: 'resident', displayName: resident?.name ?? '居民', role: 'RESIDENT', residentId: resident?.id ?? null },
    { login: 'department', displayName: '城管中队值班员', role: 'DEPARTMENT_STAFF', departmentCode: 'CGZD' },
  ];
  const helper = await demoHelper(m, small.large_id);
  if (helper) users.push({ login: 'volunteer', displayName: helper.name, role: 'VOLUNTEER', residentId: helper.residentId });
  for (const u of users) await upsertUser(m, { ...u, password: DEMO_PASSWORD });
  if (helper)
    await m.query(`UPDATE service_registration SET user_id = (SELECT id FROM app_user WHERE login = 'volunteer') WHERE id = $1`, [
      helper.registrationId,
    ]);
  await m.query(
    `INSERT INTO api_key (name, department, prefix, key_hash, scopes, rate_per_minute)
     VALUES ('民政数据同步', '区民政局', $1, $2, $3, 600) ON CONFLICT (key_hash) DO NOTHING`,
    [DEMO_API_KEY.slice(0, 10), sha256(DEMO_API_KEY), ['Street', 'Grid', 'Building', 'Household', 'Case']],
  );
  if (helper) await proposeDemoWeek(m, small.large_id, helper.registrationId);
  return users.map((u) => u.login);
}

/**
 * The community's volunteer with the most open needs of their skills within their radius,
 * and the resident they are (same household and name), for the demo `volunteer` account.
 */
async function demoHelper(
  m: EntityManager,
  communityId: string,
): Promise<{ registrationId: string; residentId: string; name: string } | null> {
  const [row]: { registrationId: string; residentId: string; name: string }[] = await m.query(
    `SELECT r.id AS "registrationId", p.id AS "residentId", p.name
       FROM service_registration r JOIN resident p ON p.household_id = r.household_id AND p.name = r.name
      WHERE r.community_id = $1 AND r.kind = 'VOLUNTEER' AND r.active
      ORDER BY (SELECT count(*) FROM service_need n
                 WHERE n.status = 'OPEN' AND n.type = ANY(r.skills)
                   AND ST_DWithin(n.location::geography, r.location::geography, r.radius_m)) DESC, r.id
      LIMIT 1`,
    [communityId],
  );
  return row ?? null;
}

/**
 * This week's matching run for the demo community, as its leader would run it, with the
 * demo volunteer's proposals confirmed: the volunteer signs in to tasks to accept.
 */
async function proposeDemoWeek(m: EntityManager, communityId: string, registrationId: string): Promise<void> {
  const leader = { role: ActorRole.GRID_LEADER, name: 'user:leader-large' };
  const matching = new MatchingService(m);
  const run = await matching.propose(communityId, mondayInShanghai(new Date()), leader, MatchMethod.OPTIMAL);
  for (const p of run.proposals.filter((x) => x.registrationId === registrationId)) await matching.confirm(p.id, p.version, leader);
}

/** The Monday of `at`'s week on the street's calendar (Asia/Shanghai, UTC+8 all year). */
export function mondayInShanghai(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const back = (local.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back)).toISOString().slice(0, 10);
}
