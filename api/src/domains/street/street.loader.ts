import DataLoader from 'dataloader';
import type { Db } from '../../platform/db/session';
import { byKey, uuids, withNone } from '../../platform/graphql/batch';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { Street } from './street.entity';

export function createStreetLoaders(ds: Db, scope: Scope) {
  return {
    streetById: new DataLoader<string, Street | null>(async (ids) =>
      byKey(
        ids,
        await applyScope(ds.getRepository(Street).createQueryBuilder('s'), scope, 'Street', 's')
          .andWhere('s.id IN (:...ids)', { ids: withNone(uuids(ids)) })
          .getMany(),
        (s) => s.id,
      ),
    ),
  };
}

type StreetLoaders = ReturnType<typeof createStreetLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends StreetLoaders {}
}
