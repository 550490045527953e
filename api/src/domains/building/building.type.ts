import { SyncConnection } from '../../platform/graphql/sync';
import { Building } from './building.entity';

export const BuildingConnection = SyncConnection(Building);
export type BuildingConnection = InstanceType<typeof BuildingConnection>;
