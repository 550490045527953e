import { GraphQLDateTime } from 'graphql-scalars';
import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../platform/graphql/context';
import type { ServiceChange } from './service.events';
import { serviceChangeStream } from './service.stream';

/** One committed change to a service row, as subscribers receive it. */
@ObjectType({
  description:
    'A committed change to a service row (need, match, wish, visit, registration, team, activity): ' +
    'what changed and where, not who or why — re-read the row with the queries',
})
export class ServiceUpdate {
  @Field(() => ID, { description: 'The service event id' })
  id!: string;

  @Field({ description: 'REGISTRATION, NEED, MATCH, WISH, VISIT, TEAM or ACTIVITY' })
  subject!: string;

  @Field(() => ID, { description: 'The changed row' })
  subjectId!: string;

  @Field({ description: 'What happened, e.g. RAISED, CONFIRMED, CLAIMED, VISITED' })
  type!: string;

  @Field(() => ID, { nullable: true, description: 'The grid the row belongs to, when known' })
  gridId!: string | null;

  @Field(() => GraphQLDateTime)
  at!: Date;
}

@Resolver(() => ServiceUpdate)
export class ServiceUpdateResolver {
  @Subscription(() => ServiceUpdate, {
    description:
      'Service changes as they commit, in a grid subtree: street staff see all, a grid leader the grids they lead; live only, no replay',
    subscribe: ({ args, context }) => {
      const { db, bus, scope } = context as Context;
      return serviceChangeStream(db, bus, scope, { gridId: (args as { gridId?: string | null }).gridId });
    },
  })
  serviceUpdates(@Root() change: ServiceChange, @Arg('gridId', () => ID, { nullable: true }) _gridId?: string): ServiceUpdate {
    return change;
  }
}
