/** A class (an entity or a resolver): what TypeORM and type-graphql are given. */
export type Class = abstract new (...args: never[]) => unknown;
