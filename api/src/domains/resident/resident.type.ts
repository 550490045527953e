import { SyncConnection } from '../../platform/graphql/sync';
import { Resident } from './resident.entity';

export const ResidentConnection = SyncConnection(Resident);
export type ResidentConnection = InstanceType<typeof ResidentConnection>;
