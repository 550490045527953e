import DataLoader from 'dataloader';
import type { Db } from '../../platform/db/session';
import { uuids } from '../../platform/graphql/batch';
import type { Scope } from '../../platform/identity/scope';
import type { OrganizationMember } from './mediation.entity';
import { membersOf } from './mediation.service';

/** The organisation domain's loaders: the compounds' "no property company" flag, the organisations' members. */
export function createOrganizationLoaders(db: Db, _scope: Scope) {
  return {
    noPropertyCompany: new DataLoader<string, boolean>(async (ids) => {
      const rows: { id: string; flag: boolean }[] = await db.query(
        `SELECT id, no_property_company AS flag FROM grid WHERE id = ANY($1::uuid[])`,
        [uuids(ids)],
      );
      const byId = new Map(rows.map((r) => [r.id, r.flag]));
      return ids.map((id) => byId.get(id) ?? false);
    }),
    organizationMembers: new DataLoader<string, OrganizationMember[]>((ids) => membersOf(db, ids)),
  };
}

type OrganizationLoaders = ReturnType<typeof createOrganizationLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends OrganizationLoaders {}
}
