import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CasePriority, CaseStatus } from '../domains/case/case.entity';
import { OVERDUE_ESCALATION_NOTE } from '../domains/case/case.rules';

/** Options for a street's synthetic case history. */
export interface CaseHistoryOptions {
  days?: number;
  /** Mean cases per day; default one per eight small grids, at least 3. */
  perDay?: number;
  seed?: number;
  now?: Date;
}

const CATEGORY_WEIGHTS: [string, number, string[]][] = [
  ['ENVIRONMENT', 30, ['楼道堆放杂物', '垃圾桶满溢未清运', '绿化带内有建筑垃圾', '路面油污', '小区内有积水']],
  ['PUBLIC_FACILITY', 18, ['路灯不亮', '窨井盖破损', '健身器材损坏', '路牌倾斜', '公共座椅松动']],
  ['PROPERTY', 15, ['电梯频繁故障', '楼顶漏水', '地下车库照明不足', '门禁失灵', '物业维修不及时']],
  ['SAFETY_HAZARD', 10, ['消防通道被占', '电动车楼道充电', '外墙瓷砖松动', '燃气管道异味', '私拉电线']],
  ['LIVELIHOOD', 9, ['独居老人需要上门探访', '困难家庭申请救助', '残疾人出行需协助', '老人助餐咨询']],
  ['DISPUTE', 8, ['邻里噪音纠纷', '楼上漏水引发纠纷', '停车位纠纷', '租赁合同纠纷']],
  ['ILLEGAL_CONSTRUCTION', 5, ['一楼私自扩建', '楼顶违章搭建', '占用公共绿地搭棚']],
  ['OTHER', 5, ['流浪犬出没', '咨询社区活动', '建议增设快递柜']],
];
const SOURCES: [string, number][] = [
  ['RESIDENT', 40],
  ['GRID_PATROL', 35],
  ['HOTLINE', 15],
  ['DEPARTMENT', 5],
  ['SENSOR', 5],
];
const DEPARTMENTS = ['城管中队', '市容环卫所', '物业公司', '司法所', '民政科', '住建办', '消防站'];

/** mulberry32: small, fast, deterministic (seeded data here and in tests). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(r: () => number, items: [T, number, ...unknown[]][]): [T, number, ...unknown[]] {
  const total = items.reduce((s, i) => s + i[1], 0);
  let x = r() * total;
  for (const item of items) if ((x -= item[1]) < 0) return item;
  return items[items.length - 1];
}

interface HistoryEvent {
  case_id: string;
  type: string;
  from_status: string | null;
  to_status: string;
  version: number;
  actor_role: string;
  actor_name: string;
  note: string | null;
  data: Record<string, unknown>;
  at: string;
}

const H = 3600e3;

/**
 * Writes `days` of realistic case history for a street, straight into `case` and
 * `case_event` as if every step had gone through the API: reports spread over the
 * street's buildings and small grids, mostly by day; most cases filed, dispatched,
 * handled within their time limit, closed and rated; some rejected, returned for
 * rework, extended, or overdue and escalated by the sweep; the most recent still open.
 * Replaces the street's earlier history (client keys `history:…`). Answers the counts.
 */
export async function writeCaseHistory(
  m: EntityManager,
  streetCode: string,
  opts: CaseHistoryOptions = {},
): Promise<{ cases: number; events: number }> {
  const days = opts.days ?? 90;
  const now = (opts.now ?? new Date()).getTime();
  const r = rng(opts.seed ?? 1);
  const grids: { id: string; path: string; lng: number; lat: number }[] = await m.query(
    `SELECT g.id, g.path::text AS path, ST_X(g.label_point) AS lng, ST_Y(g.label_point) AS lat
       FROM grid g JOIN street s ON s.id = g.street_id WHERE s.code = $1 AND g.level = 'SMALL' ORDER BY g.code`,
    [streetCode],
  );
  if (!grids.length) return { cases: 0, events: 0 };
  const buildings: { id: string; gridId: string; lng: number; lat: number; address: string }[] = await m.query(
    `SELECT b.id, b.grid_id AS "gridId", ST_X(b.centroid) AS lng, ST_Y(b.centroid) AS lat, b.address
       FROM building b JOIN grid g ON g.id = b.grid_id JOIN street s ON s.id = g.street_id WHERE s.code = $1 ORDER BY b.id`,
    [streetCode],
  );
  const limits = new Map<string, Record<CasePriority, number>>(
    (await m.query(`SELECT code, hours_normal, hours_high, hours_urgent FROM case_category`)).map(
      (c: { code: string; hours_normal: number; hours_high: number; hours_urgent: number }) => [
        c.code,
        { NORMAL: c.hours_normal, HIGH: c.hours_high, URGENT: c.hours_urgent },
      ],
    ),
  );
  const gridById = new Map(grids.map((g) => [g.id, g]));
  await m.query(`DELETE FROM case_event WHERE case_id IN (SELECT id FROM "case" WHERE client_key LIKE $1)`, [`history:${streetCode}:%`]);
  await m.query(`DELETE FROM "case" WHERE client_key LIKE $1`, [`history:${streetCode}:%`]);

  const perDay = opts.perDay ?? Math.max(3, Math.round(grids.length / 8));
  const cases: Record<string, unknown>[] = [];
  const events: HistoryEvent[] = [];
  for (let d = days - 1; d >= 0; d--) {
    const n = Math.round(perDay * (0.6 + r() * 0.8));
    for (let k = 0; k < n; k++) {
      // Mostly 7:00–21:00 local (UTC+8).
      const hour = r() < 0.9 ? 7 + r() * 14 : r() * 24;
      const t0 = Math.floor(now / 86400e3) * 86400e3 - d * 86400e3 + (hour - 8) * H;
      if (t0 > now) continue;
      const [category, , texts] = weighted(r, CATEGORY_WEIGHTS) as [string, number, string[]];
      const [source] = weighted(r, SOURCES);
      const priority = r() < 0.05 ? CasePriority.URGENT : r() < 0.2 ? CasePriority.HIGH : CasePriority.NORMAL;
      const atBuilding = buildings.length > 0 && r() < 0.7;
      const b = atBuilding ? buildings[Math.floor(r() * buildings.length)] : null;
      const g = b ? gridById.get(b.gridId)! : grids[Math.floor(r() * grids.length)];
      const id = randomUUID();
      const c: Record<string, unknown> = {
        id,
        client_key: `history:${streetCode}:${d}:${k}`,
        category,
        source,
        priority,
        description: texts[Math.floor(r() * texts.length)],
        address: b?.address ?? null,
        building_id: b?.id ?? null,
        reporter_name: source === 'RESIDENT' || source === 'HOTLINE' ? '居民' : null,
        lng: b ? b.lng : g.lng,
        lat: b ? b.lat : g.lat,
        grid_id: g.id,
        grid_path: g.path,
        rework_count: 0,
        extension_count: 0,
        overdue: false,
        reported_at: new Date(t0).toISOString(),
      };
      lifecycle(r, c, t0, now, limits.get(category)![priority], events);
      cases.push(c);
    }
  }
  for (let i = 0; i < cases.length; i += 1000) {
    await m.query(
      `INSERT INTO "case" (id, client_key, category, source, priority, status, description, address, building_id, reporter_name,
                           location, grid_id, grid_path, department, escalated_to, reject_reason, feedback, rating, rework_count,
                           extension_count, overdue, due_at, reported_at, filed_at, dispatched_at, handled_at, closed_at, rated_at,
                           version, updated_at)
       SELECT id, client_key, category, source, priority, status, description, address, building_id, reporter_name,
              ST_SetSRID(ST_MakePoint(lng, lat), 4326), grid_id, grid_path::ltree, department, escalated_to, reject_reason, feedback,
              rating, rework_count, extension_count, overdue, due_at, reported_at, filed_at, dispatched_at, handled_at, closed_at,
              rated_at, version, updated_at
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, client_key text, category text, source text, priority text, status text,
              description text, address text, building_id uuid, reporter_name text, lng float8, lat float8, grid_id uuid,
              grid_path text, department text, escalated_to text, reject_reason text, feedback text, rating int, rework_count int,
              extension_count int, overdue boolean, due_at timestamptz, reported_at timestamptz, filed_at timestamptz,
              dispatched_at timestamptz, handled_at timestamptz, closed_at timestamptz, rated_at timestamptz,
              version int, updated_at timestamptz)`,
      [JSON.stringify(cases.slice(i, i + 1000))],
    );
  }
  // The departments of the registry (职能部门名录) the history names.
  await m.query(
    `UPDATE "case" c SET department_id = d.id FROM department d
      WHERE d.name = c.department AND c.department_id IS NULL AND c.id = ANY($1::uuid[])`,
    [cases.map((c) => c.id)],
  );
  // In time order, so event ids (the subscription cursor) follow time as live ones do.
  events.sort((a, b) => a.at.localeCompare(b.at));
  for (let i = 0; i < events.length; i += 2000) {
    await m.query(
      `INSERT INTO case_event (case_id, type, from_status, to_status, version, actor_role, actor_name, note, data,
                              category, grid_id, grid_path, location, at)
       SELECT x.case_id, x.type, x.from_status, x.to_status, x.version, x.actor_role, x.actor_name, x.note, x.data,
              c.category, c.grid_id, c.grid_path, c.location, x.at
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, type text, from_status text, to_status text, version int, actor_role text,
              actor_name text, note text, data jsonb, at timestamptz, n int)
         JOIN "case" c ON c.id = x.case_id
        ORDER BY x.n`,
      [JSON.stringify(events.slice(i, i + 2000).map((e, n) => ({ ...e, n })))],
    );
  }
  return { cases: cases.length, events: events.length };
}

/** Walks one case through the loop from `t0`, stopping at `now`; fills the case's columns and appends its events. */
function lifecycle(r: () => number, c: Record<string, unknown>, t0: number, now: number, limitH: number, events: HistoryEvent[]): void {
  let t = t0;
  let version = 1;
  let status: string = CaseStatus.REPORTED;
  const iso = (ms: number) => new Date(ms).toISOString();
  const push = (type: string, to: string, actor: [string, string], note: string | null = null, data: Record<string, unknown> = {}) => {
    events.push({
      case_id: c.id as string,
      type,
      from_status: type === 'REPORTED' ? null : status,
      to_status: to,
      version,
      actor_role: actor[0],
      actor_name: actor[1],
      note,
      data,
      at: iso(t),
    });
    status = to;
  };
  /** Advances the clock by `hours`; false when that is in the future (the case stays where it is). */
  const step = (hours: number) => {
    if (t + hours * H > now) return false;
    t += hours * H;
    version++;
    return true;
  };
  const finish = (): void => {
    Object.assign(c, { status, version, updated_at: iso(t) });
  };
  const CC: [string, string] = ['COMMAND_CENTRE', '指挥中心'];
  const LEADER: [string, string] = ['GRID_LEADER', '网格员'];
  const department = DEPARTMENTS[Math.floor(r() * DEPARTMENTS.length)];
  const DEPT: [string, string] = ['DEPARTMENT', department];

  push('REPORTED', CaseStatus.REPORTED, c.source === 'GRID_PATROL' ? LEADER : ['REPORTER', '居民'], c.description as string);
  if (!step(0.2 + r() * 3)) return finish();
  if (r() < 0.07) {
    const reason = r() < 0.5 ? '重复上报' : '不属于受理范围';
    push('REJECTED', CaseStatus.REJECTED, LEADER, reason);
    c.reject_reason = reason;
    return finish();
  }
  let due = t + limitH * H;
  c.filed_at = iso(t);
  c.due_at = iso(due);
  push('FILED', CaseStatus.FILED, LEADER, null, { limitHours: limitH });
  const late = r() < 0.15;
  if (late && r() < 0.5) {
    // An approved extension before the deadline: then it is no longer late.
    if (!step(limitH * (0.3 + r() * 0.3))) return finish();
    const previous = due;
    due += limitH * H;
    c.due_at = iso(due);
    c.extension_count = 1;
    push('EXTENDED', status, CC, '需协调多个部门', { previousDueAt: iso(previous), newDueAt: iso(due) });
  }
  if (!step(0.2 + r() * 4)) return finish();
  c.dispatched_at = iso(t);
  c.department = department;
  push('DISPATCHED', CaseStatus.DISPATCHED, CC, null, { department });
  if (!step(0.5 + r() * 6)) return finish();
  push('STARTED', CaseStatus.IN_PROGRESS, DEPT);
  // Handling takes a share of what is left of the time limit; late cases overrun it.
  const left = Math.max(0.5, (due - t) / H);
  const handleH = c.extension_count ? left * (0.3 + r() * 0.5) : late ? left + limitH * (0.1 + r() * 0.5) : left * (0.1 + r() * 0.6);
  if (late && !c.extension_count && t + handleH * H > due && due <= now) {
    // The sweep caught it: overdue, escalated one level up, then dispatched again.
    const atDue = (due - t) / H + 0.1;
    if (!step(atDue)) return finish();
    c.overdue = true;
    c.escalated_to = 'MEDIUM';
    push('ESCALATED', CaseStatus.ESCALATED, ['SYSTEM', 'overdue-sweep'], OVERDUE_ESCALATION_NOTE, {
      overdue: true,
      escalatedTo: 'MEDIUM',
    });
    if (!step(0.5 + r())) return finish();
    push('DISPATCHED', CaseStatus.DISPATCHED, CC, null, { department });
    if (!step(0.2 + r())) return finish();
    push('STARTED', CaseStatus.IN_PROGRESS, DEPT);
    if (!step(Math.max(0.5, handleH - atDue))) return finish();
  } else if (!step(handleH)) return finish();
  c.feedback = '已处置完毕';
  c.handled_at = iso(t);
  push('HANDLED', CaseStatus.HANDLED, DEPT, '已处置完毕');
  if (r() < 0.08) {
    if (!step(1 + r() * 10)) return finish();
    c.rework_count = 1;
    push('RETURNED', CaseStatus.IN_PROGRESS, CC, '核查未通过，需返工');
    if (!step(1 + r() * 12)) return finish();
    c.handled_at = iso(t);
    push('HANDLED', CaseStatus.HANDLED, DEPT, '已返工处置');
  }
  if (!step(late ? 1 + r() * 12 : Math.min(1 + r() * 12, Math.max(0.2, (due - t) / H - 0.1)))) return finish();
  c.closed_at = iso(t);
  push('CLOSED', CaseStatus.CLOSED, CC, null, { onTime: t <= due });
  if (r() > 0.7 || !step(2 + r() * 70)) return finish();
  const x = r();
  const rating = x < 0.55 ? 5 : x < 0.85 ? 4 : x < 0.95 ? 3 : x < 0.98 ? 2 : 1;
  c.rating = rating;
  c.rated_at = iso(t);
  push('RATED', CaseStatus.RATED, ['REPORTER', '居民'], null, { rating });
  return finish();
}
