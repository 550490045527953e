import { Connection } from '../../platform/graphql/connection';
import { Resident } from './resident.entity';

export const ResidentConnection = Connection(Resident);
export type ResidentConnection = InstanceType<typeof ResidentConnection>;
