import { Connection } from '../../platform/graphql/connection';
import { Building } from './building.entity';

export const BuildingConnection = Connection(Building);
export type BuildingConnection = InstanceType<typeof BuildingConnection>;
