import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { MatchMethod, ServiceMatch, ServiceNeed, ServiceRegistration } from './service.entity';
import { MicroWish } from './wishes/wish.entity';

@ObjectType({ description: 'Needs covered, total distance and the largest load of an assignment' })
export class MatchQualityType {
  @Field(() => Int)
  covered!: number;

  @Field(() => Int, { description: 'Coverage weighted by urgency (LOW 1 … URGENT 4)' })
  weightedCovered!: number;

  @Field(() => Float)
  totalDistanceM!: number;

  @Field(() => Int)
  maxLoad!: number;
}

@ObjectType({ description: 'One run of the matcher: its proposals and their quality against the greedy baseline on the same data' })
export class MatchRun {
  @Field()
  period!: string;

  @Field(() => MatchMethod)
  method!: MatchMethod;

  @Field(() => Int, { description: 'Open needs considered' })
  needs!: number;

  @Field(() => Int, { description: 'Helpers with capacity left' })
  helpers!: number;

  @Field(() => Int, { description: 'Feasible pairs (skill, will, availability overlap, radius)' })
  candidates!: number;

  @Field(() => [ServiceMatch])
  proposals!: ServiceMatch[];

  @Field(() => MatchQualityType)
  quality!: MatchQualityType;

  @Field(() => MatchQualityType, { description: 'What nearest-first greedy would have achieved' })
  greedy!: MatchQualityType;

  @Field(() => Float)
  solveMs!: number;
}

export const ServiceMatchConnection = Connection(ServiceMatch);
export type ServiceMatchConnection = InstanceType<typeof ServiceMatchConnection>;
export const ServiceNeedConnection = Connection(ServiceNeed);
export type ServiceNeedConnection = InstanceType<typeof ServiceNeedConnection>;
export const ServiceRegistrationConnection = Connection(ServiceRegistration);
export type ServiceRegistrationConnection = InstanceType<typeof ServiceRegistrationConnection>;
export const MicroWishConnection = Connection(MicroWish);
export type MicroWishConnection = InstanceType<typeof MicroWishConnection>;
