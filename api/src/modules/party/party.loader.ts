import DataLoader from 'dataloader';
import { In, IsNull, type DataSource } from 'typeorm';
import { byKey, groupByKey, uuids } from '../../graphql/batch';
import { GridLeader, PartyOrganization, PartyOrgLevel } from './party.entity';

export function createPartyLoaders(ds: DataSource) {
  const orgs = ds.getRepository(PartyOrganization);
  const partyOrgById = new DataLoader<string, PartyOrganization | null>(async (ids) => byKey(ids, await orgs.findBy({ id: In(uuids(ids)) }), (o) => o.id));
  const partyOrgByGrid = new DataLoader<string, PartyOrganization | null>(async (gridIds) => {
    const rows = await orgs.findBy({ gridId: In(uuids(gridIds)) });
    for (const o of rows) partyOrgById.prime(o.id, o);
    return byKey(gridIds, rows, (o) => o.gridId!);
  });
  const partyOrgChildren = new DataLoader<string, PartyOrganization[]>(async (parentIds) => {
    const rows = await orgs.find({ where: { parentId: In(uuids(parentIds)) }, order: { name: 'ASC' } });
    for (const o of rows) partyOrgById.prime(o.id, o);
    return groupByKey(parentIds, rows, (o) => o.parentId!);
  });
  const streetCommittee = new DataLoader<string, PartyOrganization | null>(async (streetIds) => {
    const rows = await orgs.findBy({ streetId: In(uuids(streetIds)), level: PartyOrgLevel.STREET_COMMITTEE });
    return byKey(streetIds, rows, (o) => o.streetId);
  });
  /** Current leaders (no end date) of each grid. */
  const leadersByGrid = new DataLoader<string, GridLeader[]>(async (gridIds) => {
    const rows = await ds.getRepository(GridLeader).find({ where: { gridId: In(uuids(gridIds)), until: IsNull() }, order: { role: 'ASC', since: 'ASC' } });
    return groupByKey(gridIds, rows, (l) => l.gridId);
  });
  return { streetCommittee, partyOrgById, partyOrgByGrid, partyOrgChildren, leadersByGrid };
}
