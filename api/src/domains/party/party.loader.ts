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
      .getMany();
    return groupByKey(gridIds, rows, (l) => l.gridId);
  });
  return { streetCommittee, partyOrgById, partyOrgByGrid, partyOrgChildren, leadersByGrid };
}

type PartyLoaders = ReturnType<typeof createPartyLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends PartyLoaders {}
}
