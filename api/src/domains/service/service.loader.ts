import DataLoader from 'dataloader';
import type { Db } from '../../platform/db/session';
import { byKey, groupByKey, uuids, withNone } from '../../platform/graphql/batch';
import type { Scope } from '../../platform/identity/scope';
import { ServiceNeed, ServiceRegistration, type WeeklyWindow } from './service.entity';
import { ActivitySignup } from './teams/team.entity';

/** Loaders by id answer only rows the viewer may see (Scope), like the core loaders in context.ts. */
export function createServiceLoaders(ds: Db, scope: Scope) {
  const registrationById = new DataLoader<string, ServiceRegistration | null>(async (ids) => {
    const visible = scope.where('ServiceRegistration', 'r');
    const rows = await ds
      .getRepository(ServiceRegistration)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids)', { ids: withNone(uuids(ids)) })
      .andWhere(visible.sql, visible.params)
      .getMany();
    return byKey(ids, rows, (r) => r.id);
  });
  const needById = new DataLoader<string, ServiceNeed | null>(async (ids) => {
    const visible = scope.where('ServiceNeed', 'n');
    const rows = await ds
      .getRepository(ServiceNeed)
      .createQueryBuilder('n')
      .where('n.id IN (:...ids)', { ids: withNone(uuids(ids)) })
      .andWhere(visible.sql, visible.params)
      .getMany();
    return byKey(ids, rows, (n) => n.id);
  });
  /** 服务时间 — each registration's weekly windows, for many registrations in one statement. */
  const availabilityByRegistration = new DataLoader<string, WeeklyWindow[]>(async (ids) => {
    const rows: (WeeklyWindow & { registrationId: string })[] = await ds.query(
      `SELECT registration_id AS "registrationId", weekday, start_minute AS "startMinute", end_minute AS "endMinute"
         FROM service_availability WHERE registration_id = ANY($1::uuid[]) ORDER BY weekday, start_minute`,
      [uuids(ids)],
    );
    return groupByKey(ids, rows, (r) => r.registrationId);
  });
  /** 服务时长 — hours per registration in a range; key `id|fromISO|toISO`, one statement per distinct range. */
  const hoursInRange = new DataLoader<string, number>(async (keys) => {
    const byRange = new Map<string, string[]>();
    for (const key of keys) {
      const [id, from, to] = key.split('|');
      const range = `${from}|${to}`;
      byRange.set(range, [...(byRange.get(range) ?? []), id]);
    }
    const found = new Map<string, number>();
    for (const [range, ids] of byRange) {
      const [from, to] = range.split('|');
      const rows: { id: string; hours: number }[] = await ds.query(
        `SELECT registration_id AS id, sum(hours)::float8 AS hours FROM service_record
          WHERE registration_id = ANY($1::uuid[]) AND at >= $2 AND at < $3 GROUP BY registration_id`,
        [uuids(ids), from, to],
      );
      for (const r of rows) found.set(`${r.id}|${range}`, r.hours);
    }
    return keys.map((k) => found.get(k) ?? 0);
  });
  /** A household's address, for the needs the viewer already sees (a helper's task shows where to go). */
  const addressByHousehold = new DataLoader<string, string | null>(async (ids) => {
    const rows: { id: string; address: string }[] = await ds.query(`SELECT id, address FROM household WHERE id = ANY($1::uuid[])`, [
      uuids(ids),
    ]);
    return byKey(ids, rows, (r) => r.id).map((r) => r?.address ?? null);
  });
  /** The active registrations an account owns (a volunteer's own, for `me`). */
  const registrationsByUser = new DataLoader<string, ServiceRegistration[]>(async (userIds) => {
    const rows = await ds
      .getRepository(ServiceRegistration)
      .createQueryBuilder('r')
      .where('r.user_id IN (:...ids)', { ids: withNone(uuids(userIds)) })
      .andWhere('r.active')
      .orderBy('r.created_at')
      .getMany();
    return groupByKey(userIds, rows, (r) => r.userId ?? '');
  });
  /** 活动 — sign-ups per activity. */
  const signupCount = new DataLoader<string, number>(async (ids) => {
    // A count is public (activity_signup_counts runs as the owner); who signed up is not.
    const rows: { id: string; n: number }[] = await ds.query(`SELECT activity_id AS id, n FROM activity_signup_counts($1::uuid[])`, [
      uuids(ids),
    ]);
    const by = new Map(rows.map((r) => [r.id, r.n]));
    return ids.map((id) => by.get(id) ?? 0);
  });
  /** Whether a registration signed up for an activity; key `activityId|registrationId`. */
  const signedUp = new DataLoader<string, boolean>(async (keys) => {
    const pairs = keys.map((k) => k.split('|'));
    const rows: { k: string }[] = await ds.query(
      `SELECT s.activity_id || '|' || s.registration_id AS k
         FROM activity_signup s JOIN unnest($1::uuid[], $2::uuid[]) AS p(a, r) ON s.activity_id = p.a AND s.registration_id = p.r`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const found = new Set(rows.map((r) => r.k));
    return keys.map((k) => found.has(k));
  });
  /** An activity's sign-ups whose registration the viewer may see, by name. */
  const signupsByActivity = new DataLoader<string, ActivitySignup[]>(async (ids) => {
    const visible = scope.where('ServiceRegistration', 'r');
    const rows = await ds
      .getRepository(ActivitySignup)
      .createQueryBuilder('s')
      .innerJoin('service_registration', 'r', 'r.id = s.registration_id')
      .where('s.activity_id IN (:...ids)', { ids: withNone(uuids(ids)) })
      .andWhere(visible.sql, visible.params)
      .orderBy('r.name')
      .addOrderBy('s.registration_id')
      .getMany();
    return groupByKey(ids, rows, (r) => r.activityId);
  });
  return {
    registrationById,
    needById,
    availabilityByRegistration,
    hoursInRange,
    addressByHousehold,
    registrationsByUser,
    signupCount,
    signedUp,
    signupsByActivity,
  };
}

type ServiceLoaders = ReturnType<typeof createServiceLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends ServiceLoaders {}
}
