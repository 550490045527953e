import type { EntityManager } from '@streetgrid/api';
import { stableId } from '@streetgrid/api/seed/fixture-street';
import type { StreetData } from '@streetgrid/api/seed/street-data';
import { Random, weightedTable } from './random';

export interface ServiceSeedOptions {
  seed: number;
  /** The demo's "today": visit history and wish times lead up to it. */
  now: Date;
  /** Registered helpers (members, volunteers); capped by the people flagged for it. */
  helpers?: number;
  /** Open needs on the needs list. */
  needs?: number;
  wishes?: number;
  /** Days of visit history. */
  visitDays?: number;
}

/** Everything `writeStreetServices` inserts, as plain rows (ids deterministic from the street code). */
export interface ServicePlan {
  registrations: {
    id: string;
    kind: string;
    name: string;
    unitName: string | null;
    unitId: string | null;
    communityId: string;
    householdId: string | null;
    buildingId: string;
    skills: string[];
    willServe: string[];
    radiusM: number;
    capacity: number;
  }[];
  availability: { registrationId: string; weekday: number; start: number; end: number }[];
  needs: {
    id: string;
    householdId: string;
    type: string;
    urgency: string;
    source: string;
    weekday: number;
    start: number;
    end: number;
    durationMinutes: number;
    recurrence: string;
    notes: string | null;
    createdAt: Date;
  }[];
  wishes: {
    id: string;
    householdId: string;
    title: string;
    description: string;
    posterName: string;
    status: string;
    helperId: string | null;
    fulfilNote: string | null;
    thanks: string | null;
    createdAt: Date;
    claimedAt: Date | null;
    doneAt: Date | null;
  }[];
  visits: { id: string; householdId: string; visitorName: string; visitedAt: Date; findings: string }[];
  teams: {
    id: string;
    communityId: string;
    name: string;
    kind: string;
    members: string[];
    activity: { id: string; title: string; place: string; startsAt: Date; hours: number; attended: string[] };
  }[];
}

/** How long helping takes, by need type (minutes): a meal is dropped off in half an hour, a hospital visit takes two. */
const DURATION_MINUTES: Record<string, number> = {
  MEAL_DELIVERY: 30,
  ELDERLY_CARE: 60,
  REPAIR: 90,
  MEDICAL: 120,
  DRIVING: 120,
  IT: 60,
  PSYCHOLOGICAL: 60,
  LEGAL: 60,
  TUTORING: 90,
  CULTURE_SPORT: 90,
  MEDIATION: 60,
};

const SKILLS = weightedTable<string>([
  ['ELDERLY_CARE', 5],
  ['MEAL_DELIVERY', 3],
  ['MEDICAL', 3],
  ['REPAIR', 3],
  ['DRIVING', 2],
  ['IT', 2],
  ['PSYCHOLOGICAL', 1],
  ['LEGAL', 1],
  ['TUTORING', 2],
  ['CULTURE_SPORT', 1],
  ['MEDIATION', 1],
]);
const ELDER_NEEDS = weightedTable<string>([
  ['ELDERLY_CARE', 5],
  ['MEAL_DELIVERY', 4],
  ['MEDICAL', 4],
  ['REPAIR', 2],
  ['DRIVING', 2],
  ['PSYCHOLOGICAL', 1],
  ['IT', 1],
]);
const URGENCY = weightedTable<string>([
  ['LOW', 2],
  ['NORMAL', 5],
  ['HIGH', 2],
  ['URGENT', 1],
]);
const RECURRENCE = weightedTable<string>([
  ['ONCE', 13],
  ['WEEKLY', 6],
  ['MONTHLY', 1],
]);
const SOURCE = weightedTable<string>([
  ['VISIT', 5],
  ['RESIDENT', 3],
  ['GRID_LEADER', 2],
]);
const WISH_STATUS = weightedTable<string>([
  ['THANKED', 8],
  ['FULFILLED', 3],
  ['CLAIMED', 2],
  ['PUBLISHED', 5],
  ['SUBMITTED', 2],
]);
const WISHES = [
  ['一台收音机', '老人眼睛不好，想听广播'],
  ['一副老花镜', '看报纸看不清'],
  ['学用智能手机', '想和外地的孙子视频'],
  ['修理漏水的水龙头', '厨房水龙头一直滴水'],
  ['陪同去医院复查', '子女不在身边'],
  ['一套课外书', '孩子想读书'],
  ['冬天的棉被', '家里的被子太薄'],
  ['一辆轮椅', '腿脚不便出不了门'],
  ['理个发', '行动不便去不了理发店'],
  ['一次家庭合影', '老两口结婚五十年'],
] as const;
const FINDINGS = [
  '身体状况良好，情绪稳定',
  '家中整洁，需关注用电安全',
  '老人腿脚不便，需要送餐',
  '血压偏高，已提醒按时服药',
  '独居感到孤单，希望有人陪聊',
  '家电老化，建议检修',
  '生活困难，已告知救助政策',
];
const UNITS = [
  '区卫健局机关党委',
  '区税务局党支部',
  '区人民法院党总支',
  '市供电公司党委',
  '区教育局党委',
  '区司法局党支部',
  '区住建局党支部',
  '区文旅局党支部',
];
const POLICY_DAYS: Record<string, number> = { ELDERLY_ALONE: 7, DISABLED: 14, LOW_INCOME: 30 };
const DAY = 86_400_000;

/**
 * Plans a street's community-service demo data from its generated rows: registrations
 * (residents flagged in-service member or volunteer, plus unit party organisations),
 * open needs mostly in vulnerable households, micro-wishes at every stage, visit
 * history at each household's policy interval with some visits missed (so some are
 * overdue), and two teams per community with a past activity. Pure and deterministic.
 */
export function planStreetServices(data: StreetData, opts: ServiceSeedOptions): ServicePlan {
  const root = new Random(opts.seed);
  const code = data.street.code;
  const id = (what: string, i: number | string) => stableId(`services/${code}/${what}/${i}`);
  const now = opts.now.getTime();
  const gridParent = new Map(data.grids.map((g) => [g.id, g.parentId]));
  const buildingGrid = new Map(data.buildings.map((b) => [b.id, b.gridId]));
  const householdBuilding = new Map(data.households.map((h) => [h.id, h.buildingId]));
  const communityOf = (buildingId: string): string => {
    let g: string | null = buildingGrid.get(buildingId) ?? null;
    while (g && gridParent.get(g)) g = gridParent.get(g) ?? null;
    return g as string;
  };
  const leaderOf = new Map(data.leaders.map((l) => [l.gridId, l.name]));
  const communities = data.grids.filter((g) => g.level === 'LARGE');

  // Units first, then members and volunteers from the people flagged for it.
  const r = root.fork('registrations');
  const plan: ServicePlan = { registrations: [], availability: [], needs: [], wishes: [], visits: [], teams: [] };
  const skillsOf = (rng: Random): string[] => [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.weighted(SKILLS)))];
  const windows = (rng: Random, registrationId: string) => {
    const seen = new Set<string>();
    for (let k = rng.int(1, 4); k > 0; k--) {
      const weekday = rng.int(1, 7);
      const start = rng.pick([8, 9, 10, 14, 15, 19]) * 60;
      if (seen.has(`${weekday}/${start}`)) continue;
      seen.add(`${weekday}/${start}`);
      plan.availability.push({ registrationId, weekday, start, end: start + rng.int(2, 4) * 60 });
    }
  };
  const unitIds = UNITS.map((name, i) => {
    const building = r.pick(data.buildings);
    const unitId = id('unit', i);
    plan.registrations.push({
      id: unitId,
      kind: 'UNIT',
      name,
      unitName: name,
      unitId: null,
      communityId: communityOf(building.id),
      householdId: null,
      buildingId: building.id,
      skills: skillsOf(r),
      willServe: [],
      radiusM: 3000,
      capacity: r.int(3, 8),
    });
    windows(r, unitId);
    return { unitId, name };
  });
  const people = data.residents.filter((p) => p.isInServicePartyMember || p.isVolunteer).map((p) => ({ p, key: r.next() }));
  people.sort((a, b) => a.key - b.key);
  for (const [i, { p }] of people.slice(0, opts.helpers ?? 800).entries()) {
    const buildingId = householdBuilding.get(p.householdId) as string;
    const regId = id('registration', i);
    const skills = skillsOf(r);
    const unit = p.isInServicePartyMember && r.chance(0.5) ? r.pick(unitIds) : null;
    plan.registrations.push({
      id: regId,
      kind: p.isInServicePartyMember ? 'MEMBER' : 'VOLUNTEER',
      name: p.name,
      unitName: unit?.name ?? null,
      unitId: unit?.unitId ?? null,
      communityId: communityOf(buildingId),
      householdId: p.householdId,
      buildingId,
      skills,
      willServe: r.chance(0.3) ? [skills[0]] : [],
      radiusM: r.pick([500, 800, 1000, 1500, 2000, 3000]),
      capacity: r.int(1, 4),
    });
    windows(r, regId);
  }
  const helpers = plan.registrations;

  // Needs: mostly in vulnerable households, some anywhere.
  const n = root.fork('needs');
  const vulnerable = data.households.filter((h) => h.tags.some((t) => t in POLICY_DAYS));
  for (let i = 0; i < (opts.needs ?? 2000); i++) {
    const elder = vulnerable.length > 0 && n.chance(0.75);
    const h = elder ? n.pick(vulnerable) : n.pick(data.households);
    const weekday = n.int(1, 7);
    const start = n.int(8, 18) * 60;
    const type = n.weighted(elder ? ELDER_NEEDS : SKILLS);
    const urgency = n.weighted(URGENCY);
    const source = n.weighted(SOURCE);
    const end = start + n.int(1, 3) * 60;
    plan.needs.push({
      id: id('need', i),
      householdId: h.id,
      type,
      urgency,
      source,
      weekday,
      start,
      end,
      durationMinutes: Math.min(DURATION_MINUTES[type] ?? 60, end - start),
      recurrence: n.weighted(RECURRENCE),
      notes: null,
      createdAt: new Date(now - n.int(1, 30) * DAY),
    });
  }

  // Micro-wishes at every stage.
  const w = root.fork('wishes');
  for (let i = 0; i < (opts.wishes ?? 150); i++) {
    const h = w.pick(vulnerable.length ? vulnerable : data.households);
    const [title, description] = w.pick(WISHES);
    const status = w.weighted(WISH_STATUS);
    const createdAt = now - w.int(3, 60) * DAY;
    const claimed = ['CLAIMED', 'FULFILLED', 'THANKED'].includes(status);
    const done = status === 'FULFILLED' || status === 'THANKED';
    plan.wishes.push({
      id: id('wish', i),
      householdId: h.id,
      title,
      description,
      posterName: `居民${i + 1}`,
      status,
      helperId: claimed && helpers.length ? w.pick(helpers).id : null,
      fulfilNote: done ? `已完成：${title}` : null,
      thanks: status === 'THANKED' ? w.pick(['谢谢你们，党员就是贴心人', '非常感谢志愿者', '太感谢了']) : null,
      createdAt: new Date(createdAt),
      claimedAt: claimed ? new Date(status === 'CLAIMED' ? now - w.int(1, 48) * 3_600_000 : createdAt + DAY) : null,
      doneAt: done ? new Date(createdAt + 2 * DAY) : null,
    });
  }

  // Visit history: each vulnerable household at its interval, one visit in ten missed.
  const v = root.fork('visits');
  const days = opts.visitDays ?? 90;
  for (const h of vulnerable) {
    const interval = Math.min(...h.tags.filter((t) => t in POLICY_DAYS).map((t) => POLICY_DAYS[t]));
    const visitor = leaderOf.get(buildingGrid.get(h.buildingId) as string) ?? '网格员';
    for (let t = now - days * DAY + v.int(0, interval) * DAY; t < now; t += interval * DAY) {
      if (v.chance(0.1)) continue;
      const at = t + v.int(-1, 1) * DAY + v.int(9, 17) * 3_600_000;
      if (at >= now) continue;
      plan.visits.push({
        id: id('visit', plan.visits.length),
        householdId: h.id,
        visitorName: visitor,
        visitedAt: new Date(at),
        findings: v.pick(FINDINGS),
      });
    }
  }

  // Two teams per community, each with a past activity.
  const t = root.fork('teams');
  for (const c of communities) {
    for (const [name, kind] of [
      ['爱心车队', 'DRIVING'],
      ['助老助残服务队', 'ELDERLY_CARE'],
    ] as const) {
      const members = helpers
        .filter((h) => h.communityId === c.id && h.skills.includes(kind))
        .slice(0, 20)
        .map((h) => h.id);
      const teamId = id('team', `${c.code}/${kind}`);
      plan.teams.push({
        id: teamId,
        communityId: c.id,
        name,
        kind,
        members,
        activity: {
          id: id('activity', `${c.code}/${kind}`),
          title: kind === 'DRIVING' ? '接送老人体检' : '重阳节上门慰问',
          place: `${c.name}党群服务中心`,
          startsAt: new Date(now - t.int(2, 20) * DAY),
          hours: t.int(2, 4),
          attended: members.filter(() => t.chance(0.8)),
        },
      });
    }
  }
  return plan;
}

const CHUNK = 5000;

/**
 * Writes a street's service demo data (see planStreetServices) after writeStreet, in
 * the same transaction. Locations come from the buildings' centroids.
 */
export async function writeStreetServices(
  m: EntityManager,
  data: StreetData,
  opts: ServiceSeedOptions,
): Promise<{ registrations: number; needs: number; wishes: number; visits: number }> {
  const p = planStreetServices(data, opts);
  const regs = [...p.registrations].sort((a, b) => Number(a.kind !== 'UNIT') - Number(b.kind !== 'UNIT'));
  for (let i = 0; i < regs.length; i += CHUNK) {
    const rows = regs.slice(i, i + CHUNK);
    await m.query(
      `INSERT INTO service_registration (id, kind, name, unit_name, unit_id, community_id, household_id, location, skills, will_serve,
                                        radius_m, weekly_capacity)
       SELECT t.id, t.kind, t.name, t.unit_name, t.unit_id, t.community_id, t.household_id, b.centroid,
              string_to_array(t.skills, ','), coalesce(string_to_array(nullif(t.will, ''), ','), '{}'), t.radius, t.cap
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[], $9::text[],
                     $10::text[], $11::int[], $12::int[])
              AS t(id, kind, name, unit_name, unit_id, community_id, household_id, building_id, skills, will, radius, cap)
         JOIN building b ON b.id = t.building_id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.kind),
        rows.map((r) => r.name),
        rows.map((r) => r.unitName),
        rows.map((r) => r.unitId),
        rows.map((r) => r.communityId),
        rows.map((r) => r.householdId),
        rows.map((r) => r.buildingId),
        rows.map((r) => r.skills.join(',')),
        rows.map((r) => r.willServe.join(',')),
        rows.map((r) => r.radiusM),
        rows.map((r) => r.capacity),
      ],
    );
  }
  for (let i = 0; i < p.availability.length; i += CHUNK) {
    const rows = p.availability.slice(i, i + CHUNK);
    await m.query(
      `INSERT INTO service_availability (registration_id, weekday, start_minute, end_minute)
       SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::smallint[], $4::smallint[])`,
      [rows.map((r) => r.registrationId), rows.map((r) => r.weekday), rows.map((r) => r.start), rows.map((r) => r.end)],
    );
  }
  for (let i = 0; i < p.needs.length; i += CHUNK) {
    const rows = p.needs.slice(i, i + CHUNK);
    await m.query(
      `INSERT INTO service_need (id, household_id, grid_id, grid_path, location, type, urgency, source, weekday, start_minute, end_minute,
                                recurrence, notes, created_at, duration_minutes)
       SELECT t.id, h.id, g.id, g.path, b.centroid, t.type, t.urgency, t.source, t.weekday, t.s, t.e, t.recurrence, t.notes, t.created_at,
              t.duration
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::smallint[], $8::smallint[], $9::text[],
                     $10::text[], $11::timestamptz[], $12::smallint[])
              AS t(id, household_id, type, urgency, source, weekday, s, e, recurrence, notes, created_at, duration)
         JOIN household h ON h.id = t.household_id JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id
        ORDER BY t.created_at, t.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.householdId),
        rows.map((r) => r.type),
        rows.map((r) => r.urgency),
        rows.map((r) => r.source),
        rows.map((r) => r.weekday),
        rows.map((r) => r.start),
        rows.map((r) => r.end),
        rows.map((r) => r.recurrence),
        rows.map((r) => r.notes),
        rows.map((r) => r.createdAt),
        rows.map((r) => r.durationMinutes),
      ],
    );
  }
  const w = p.wishes;
  await m.query(
    `INSERT INTO micro_wish (id, household_id, grid_id, grid_path, location, title, description, poster_name, status, helper_id,
                            fulfil_note, thanks, created_at, published_at, fulfilled_at, thanked_at)
     SELECT t.id, h.id, g.id, g.path, b.centroid, t.title, t.description, t.poster, t.status, t.helper, t.note, t.thanks, t.created_at,
            CASE WHEN t.status <> 'SUBMITTED' THEN t.created_at + interval '1 hour' END, t.done_at,
            CASE WHEN t.status = 'THANKED' THEN t.done_at + interval '1 day' END
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[],
                   $10::timestamptz[], $11::timestamptz[])
            AS t(id, household_id, title, description, poster, status, helper, note, thanks, created_at, done_at)
       JOIN household h ON h.id = t.household_id JOIN building b ON b.id = h.building_id JOIN grid g ON g.id = b.grid_id
      ORDER BY t.created_at, t.id`,
    [
      w.map((r) => r.id),
      w.map((r) => r.householdId),
      w.map((r) => r.title),
      w.map((r) => r.description),
      w.map((r) => r.posterName),
      w.map((r) => r.status),
      w.map((r) => r.helperId),
      w.map((r) => r.fulfilNote),
      w.map((r) => r.thanks),
      w.map((r) => r.createdAt),
      w.map((r) => r.doneAt),
    ],
  );
  const claims = w.filter((r) => r.helperId && r.claimedAt);
  await m.query(
    `INSERT INTO wish_claim (wish_id, registration_id, status, claimed_at, expires_at)
     SELECT t.wish, t.reg, CASE WHEN t.status = 'CLAIMED' THEN 'LIVE' ELSE 'FULFILLED' END, t.at, t.at + interval '72 hours'
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[]) AS t(wish, reg, status, at)`,
    [claims.map((r) => r.id), claims.map((r) => r.helperId), claims.map((r) => r.status), claims.map((r) => r.claimedAt)],
  );
  for (let i = 0; i < p.visits.length; i += CHUNK) {
    const rows = p.visits.slice(i, i + CHUNK);
    await m.query(
      `INSERT INTO household_visit (id, household_id, visitor_name, visitor_role, visited_at, findings, check_in, check_in_distance_m)
       SELECT t.id, h.id, t.visitor, 'GRID_LEADER', t.at, t.findings, b.centroid, 0
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[]) AS t(id, household_id, visitor, at, findings)
         JOIN household h ON h.id = t.household_id JOIN building b ON b.id = h.building_id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.householdId),
        rows.map((r) => r.visitorName),
        rows.map((r) => r.visitedAt),
        rows.map((r) => r.findings),
      ],
    );
  }
  for (const team of p.teams) {
    await m.query(`INSERT INTO volunteer_team (id, community_id, name, kind) VALUES ($1, $2, $3, $4)`, [
      team.id,
      team.communityId,
      team.name,
      team.kind,
    ]);
    await m.query(`INSERT INTO team_member (team_id, registration_id) SELECT $1, unnest($2::uuid[])`, [team.id, team.members]);
    const a = team.activity;
    await m.query(
      `INSERT INTO team_activity (id, team_id, title, place, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [a.id, team.id, a.title, a.place, a.startsAt, new Date(a.startsAt.getTime() + a.hours * 3_600_000), Math.max(1, team.members.length)],
    );
    await m.query(
      `INSERT INTO activity_signup (activity_id, registration_id, attended, hours)
       SELECT $1, r, r = ANY($3::uuid[]), CASE WHEN r = ANY($3::uuid[]) THEN $4::numeric END FROM unnest($2::uuid[]) r`,
      [a.id, team.members, a.attended, a.hours],
    );
    await m.query(`INSERT INTO service_record (registration_id, activity_id, hours, at) SELECT unnest($2::uuid[]), $1, $3, $4`, [
      a.id,
      a.attended,
      a.hours,
      a.startsAt,
    ]);
  }
  return { registrations: p.registrations.length, needs: p.needs.length, wishes: p.wishes.length, visits: p.visits.length };
}

/** The demo's "today": midnight UTC of the current day, so a day's seeds are identical. */
export function serviceDemoDay(at: Date = new Date()): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}
