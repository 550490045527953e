import { Connection } from '../../platform/graphql/connection';
import { Household } from './household.entity';

export const HouseholdConnection = Connection(Household);
export type HouseholdConnection = InstanceType<typeof HouseholdConnection>;
