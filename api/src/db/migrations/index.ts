import { Foundation1764100000000 } from './1764100000000-foundation';

/** Every migration, in order. New ones are appended here. */
export const migrations = [Foundation1764100000000];
