import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byKey, uuids, withNone } from '../../graphql/batch';
import { applyScope, type Scope } from '../auth/scope';
import { Street } from './street.entity';

export function createStreetLoaders(ds: DataSource, scope: Scope) {
  return {
    streetById: new DataLoader<string, Street | null>(async (ids) =>
      byKey(
        ids,
        await applyScope(ds.getRepository(Street).createQueryBuilder('s'), scope, 'Street', 's').andWhere('s.id IN (:...ids)', { ids: withNone(uuids(ids)) }).getMany(),
        (s) => s.id,
      ),
    ),
  };
}
