export { districtPlan, generateStreet, MAX_STREETS, type StreetPlan } from './street';
export { Random, hashSeed } from './random';
