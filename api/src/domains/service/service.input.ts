import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { NeedRecurrence, NeedSource, NeedUrgency, RegistrationKind, WeeklyWindow } from './service.entity';

@InputType({ description: '双报到 — register with a community; give a household (home) or a point' })
export class RegistrationInput {
  @Field(() => RegistrationKind)
  kind!: RegistrationKind;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  unitName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The UNIT registration a member comes with' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The community: a LARGE grid; absent: the community the starting point lies in' })
  communityId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Home household; its building is the starting point. ' +
      'Absent with no point: a volunteer registering themselves starts from their own household',
  })
  householdId?: string | null;

  @Field(() => Float, { nullable: true })
  lng?: number | null;

  @Field(() => Float, { nullable: true })
  lat?: number | null;

  @Field(() => [String], { description: 'Skill codes (see serviceSkills)' })
  skills!: string[];

  @Field(() => [String], { nullable: true, description: 'Need types they will serve; empty or absent: any of their skills' })
  willServe?: string[] | null;

  @Field(() => Int)
  radiusM!: number;

  @Field(() => Int)
  weeklyCapacity!: number;

  @Field(() => [WeeklyWindow])
  availability!: WeeklyWindow[];
}

@InputType({ description: 'A need raised during a visit (the household is the visited one)' })
export class VisitNeedInput {
  @Field({ description: 'Need type: a skill code' })
  type!: string;

  @Field(() => NeedUrgency, { defaultValue: NeedUrgency.NORMAL })
  urgency!: NeedUrgency;

  @Field(() => WeeklyWindow, { description: 'When the help is wanted' })
  window!: WeeklyWindow;

  @Field(() => Int, {
    nullable: true,
    description:
      'How long helping takes, minutes (15–720, within the window): the time a match books its helper; ' +
      'absent: an hour, or the whole window when shorter',
  })
  durationMinutes?: number | null;

  @Field(() => NeedRecurrence, { defaultValue: NeedRecurrence.ONCE })
  recurrence!: NeedRecurrence;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType({ description: '需求 — a household need; located at the household’s building' })
export class NeedInput extends VisitNeedInput {
  @Field(() => ID, { nullable: true, description: "The household; absent: a resident's or volunteer's own" })
  householdId?: string | null;

  @Field(() => NeedSource)
  source!: NeedSource;
}
