import { SyncConnection } from '../../platform/graphql/sync';
import { Household } from './household.entity';

export const HouseholdConnection = SyncConnection(Household);
export type HouseholdConnection = InstanceType<typeof HouseholdConnection>;
