import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLDateTime } from 'graphql-scalars';

/** 志愿服务队 — a volunteer team of a community. */
@ObjectType({ description: '志愿服务队 — e.g. car fleet, elderly and disabled help, dispute mediation, culture and sport' })
@Entity('volunteer_team')
export class VolunteerTeam {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'community_id' })
  communityId!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: 'A skill code the team is about' })
  @Column('text')
  kind!: string;
}

/** 活动 — a team activity with a capacity. */
@ObjectType({ description: '活动 — time, place, capacity; sign-ups and attendance' })
@Entity('team_activity')
export class TeamActivity {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid', { name: 'team_id' })
  teamId!: string;

  @Field()
  @Column('text')
  title!: string;

  @Field()
  @Column('text')
  place!: string;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz', { name: 'starts_at' })
  startsAt!: Date;

  @Field(() => GraphQLDateTime)
  @Column('timestamptz', { name: 'ends_at' })
  endsAt!: Date;

  @Field(() => Int)
  @Column('integer')
  capacity!: number;

  /** The team's name, when listed with it (teamActivities). */
  @Field(() => String, { nullable: true, description: 'The team’s name (in teamActivities)' })
  teamName?: string;
}

@ObjectType({ description: 'A sign-up for an activity; attendance and hours once recorded' })
@Entity('activity_signup')
export class ActivitySignup {
  @Field(() => ID)
  @PrimaryColumn('uuid', { name: 'activity_id' })
  activityId!: string;

  @Field(() => ID)
  @PrimaryColumn('uuid', { name: 'registration_id' })
  registrationId!: string;

  @Field(() => Boolean, { nullable: true })
  @Column('boolean', { nullable: true })
  attended!: boolean | null;

  @Field(() => Float, { nullable: true })
  @Column('numeric', {
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v == null ? null : Number(v)) },
  })
  hours!: number | null;
}
