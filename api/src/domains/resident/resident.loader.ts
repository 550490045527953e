import DataLoader from 'dataloader';
import type { Db } from '../../platform/db/session';
import { byKey, groupByKey, uuids, withNone } from '../../platform/graphql/batch';
import { auditPersonalRead } from '../../platform/identity/auth.service';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { Resident } from './resident.entity';

export function createResidentLoaders(ds: Db, scope: Scope) {
  const residents = () => applyScope(ds.getRepository(Resident).createQueryBuilder('r'), scope, 'Resident', 'r');
  const residentById = new DataLoader<string, Resident | null>(async (ids) =>
    byKey(
      ids,
      await residents()
        .andWhere('r.id IN (:...ids)', { ids: withNone(uuids(ids)) })
        .getMany(),
      (r) => r.id,
    ),
  );
  const residentsByHousehold = new DataLoader<string, Resident[]>(async (householdIds) => {
    const rows = await residents()
      .andWhere('r.household_id IN (:...ids)', { ids: withNone(uuids(householdIds)) })
      .orderBy('r.birth_year', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
    for (const r of rows) residentById.prime(r.id, r);
    return groupByKey(householdIds, rows, (r) => r.householdId);
  });
  /** Batches the audit rows of one request's personal-data reads into one INSERT per reason. */
  const personalAudit = new DataLoader<{ residentId: string; reason: string }, true, string>(
    async (reads) => {
      const byReason = new Map<string, string[]>();
      for (const r of reads) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r.residentId]);
      for (const [reason, ids] of byReason) await auditPersonalRead(ds, scope, ids, ['phone', 'idNumber'], reason);
      return reads.map(() => true as const);
    },
    { cacheKeyFn: (r) => `${r.residentId}\u0000${r.reason}` },
  );
  return { residentById, residentsByHousehold, personalAudit };
}

type ResidentLoaders = ReturnType<typeof createResidentLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends ResidentLoaders {}
}
