import type { Db } from '../../platform/db/session';
import DataLoader from 'dataloader';
import { IsNull } from 'typeorm';
import { byKey, groupByKey, uuids, withNone } from '../../platform/graphql/batch';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { GridLeader, PartyOrganization, PartyOrgLevel } from './party.entity';

export function createPartyLoaders(ds: Db, scope: Scope) {
  // A dissolved organisation is history: never part of the chain.
  const orgs = () =>
    applyScope(ds.getRepository(PartyOrganization).createQueryBuilder('o'), scope, 'PartyOrganization', 'o').andWhere(
      'o.dissolved_at IS NULL',
    );
  const partyOrgById = new DataLoader<string, PartyOrganization | null>(async (ids) =>
    byKey(
      ids,
      await orgs()
        .andWhere('o.id IN (:...ids)', { ids: withNone(uuids(ids)) })
        .getMany(),
      (o) => o.id,
    ),
  );
  const partyOrgByGrid = new DataLoader<string, PartyOrganization | null>(async (gridIds) => {
    const rows = await orgs()
      .andWhere('o.grid_id IN (:...ids)', { ids: withNone(uuids(gridIds)) })
      .getMany();
    for (const o of rows) partyOrgById.prime(o.id, o);
    return byKey(gridIds, rows, (o) => o.gridId!);
  });
  const partyOrgChildren = new DataLoader<string, PartyOrganization[]>(async (parentIds) => {
    const rows = await orgs()
      .andWhere('o.parent_id IN (:...ids)', { ids: withNone(uuids(parentIds)) })
      .orderBy('o.name', 'ASC')
      .getMany();
    for (const o of rows) partyOrgById.prime(o.id, o);
    return groupByKey(parentIds, rows, (o) => o.parentId!);
  });
  const streetCommittee = new DataLoader<string, PartyOrganization | null>(async (streetIds) => {
    const rows = await orgs()
      .andWhere('o.street_id IN (:...ids)', { ids: withNone(uuids(streetIds)) })
      .andWhere('o.level = :level', { level: PartyOrgLevel.STREET_COMMITTEE })
      .getMany();
    return byKey(streetIds, rows, (o) => o.streetId);
  });
  /** Current leaders (no end date) of each grid the viewer can see. */
  const leadersByGrid = new DataLoader<string, GridLeader[]>(async (gridIds) => {
    const { sql, params } = scope.where('Grid', 'lg');
    const rows = await ds
      .getRepository(GridLeader)
      .createQueryBuilder('l')
      .innerJoin('grid', 'lg', 'lg.id = l.grid_id')
      .where('l.grid_id IN (:...ids)', { ids: withNone(uuids(gridIds)) })
      .andWhere({ until: IsNull() })
      .andWhere(sql, params)
      .orderBy('l.role', 'ASC')
      .addOrderBy('l.since', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .getMany();
    return groupByKey(gridIds, rows, (l) => l.gridId);
  });
  /** 联系户: the households each central household looks after (as the caller sees them). */
  const linkedHouseholdIds = new DataLoader<string, string[]>(async (orgIds) => {
    const rows: { organization_id: string; household_id: string }[] = await ds.query(
      `SELECT k.organization_id, k.household_id FROM central_household_link k JOIN household h ON h.id = k.household_id
        WHERE k.organization_id = ANY($1::uuid[]) ORDER BY h.address`,
      [uuids(orgIds)],
    );
    return groupByKey(orgIds, rows, (r) => r.organization_id).map((list) => list.map((r) => r.household_id));
  });
  /** The live central household looking after each household (its own, when it is one). */
  const centralOrgByHousehold = new DataLoader<string, PartyOrganization | null>(async (householdIds) => {
    const rows: { household_id: string; organization_id: string }[] = await ds.query(
      `SELECT k.household_id, k.organization_id FROM central_household_link k JOIN party_organization o ON o.id = k.organization_id
        WHERE k.household_id = ANY($1::uuid[]) AND o.dissolved_at IS NULL
       UNION ALL
       SELECT o.household_id, o.id FROM party_organization o
        WHERE o.household_id = ANY($1::uuid[]) AND o.level = 'CENTRAL_HOUSEHOLD' AND o.dissolved_at IS NULL`,
      [uuids(householdIds)],
    );
    // One batch for every organisation named (as the caller sees them).
    const orgIds = [...new Set(rows.map((r) => r.organization_id))];
    const loaded = await partyOrgById.loadMany(orgIds);
    const orgsById = new Map(orgIds.map((id, i) => [id, loaded[i] instanceof Error ? null : (loaded[i] as PartyOrganization | null)]));
    return householdIds.map((id) => {
      const row = rows.find((r) => r.household_id === id);
      return row ? (orgsById.get(row.organization_id) ?? null) : null;
    });
  });
  /** The live central-household organisation a household is. */
  const centralOrgOfHousehold = new DataLoader<string, PartyOrganization | null>(async (householdIds) => {
    const rows = await orgs()
      .andWhere('o.household_id IN (:...ids)', { ids: withNone(uuids(householdIds)) })
      .andWhere('o.level = :level', { level: PartyOrgLevel.CENTRAL_HOUSEHOLD })
      .getMany();
    return byKey(householdIds, rows, (o) => o.householdId!);
  });
  return {
    streetCommittee,
    partyOrgById,
    partyOrgByGrid,
    partyOrgChildren,
    leadersByGrid,
    linkedHouseholdIds,
    centralOrgByHousehold,
    centralOrgOfHousehold,
  };
}

type PartyLoaders = ReturnType<typeof createPartyLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends PartyLoaders {}
}
