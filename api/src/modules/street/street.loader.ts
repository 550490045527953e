import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { byKey, uuids } from '../../graphql/batch';
import { Street } from './street.entity';

export function createStreetLoaders(ds: DataSource) {
  return {
    streetById: new DataLoader<string, Street | null>(async (ids) =>
      byKey(ids, await ds.getRepository(Street).findBy({ id: In(uuids(ids)) }), (s) => s.id),
    ),
  };
}
