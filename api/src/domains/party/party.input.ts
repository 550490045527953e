import { Field, ID, InputType } from 'type-graphql';
import { LeaderRole, PartyOrgLevel } from './party.entity';

/** Who leads an organisation and what the posts board shows of them: the same on create and update. */
@InputType()
abstract class PartyOrganizationPeople {
  @Field(() => ID, { nullable: true, description: 'The secretary: a resident who is a party member, living in the grid' })
  secretaryId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The deputy secretary (副书记): a party member living in the grid, not the secretary' })
  deputySecretaryId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'The secretary agreed to publish their phone on the posts board (default false)' })
  secretaryPublishContact?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The deputy agreed to publish their phone on the posts board (default false)' })
  deputyPublishContact?: boolean | null;

  @Field(() => String, { nullable: true, description: 'The office number on the posts board (digits, spaces, + and -)' })
  officePhone?: string | null;
}

@InputType({ description: 'A party organisation aligned to one grid of the matching level (the street committee to the street)' })
export class CreatePartyOrganizationInput extends PartyOrganizationPeople {
  @Field(() => PartyOrgLevel, {
    description: 'STREET_COMMITTEE (streetId), COMMUNITY (a LARGE grid), COMPOUND_BRANCH (MEDIUM), BUILDING_GROUP (SMALL)',
  })
  level!: PartyOrgLevel;

  @Field(() => ID, { nullable: true, description: 'The grid it is aligned to (every level but STREET_COMMITTEE)' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The street (STREET_COMMITTEE only)' })
  streetId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The household (CENTRAL_HOUSEHOLD only): a party member lives in it; under its small grid’s building group',
  })
  householdId?: string | null;

  @Field()
  name!: string;
}

@InputType({ description: 'A party organisation’s name and people (absent: unchanged); the secretary must live in the grid' })
export class UpdatePartyOrganizationInput extends PartyOrganizationPeople {
  @Field(() => String, { nullable: true })
  name?: string | null;
}

@InputType({ description: '任命 — a grid leader, deputy or worker from a date' })
export class AppointGridLeaderInput {
  @Field(() => ID)
  gridId!: string;

  @Field(() => ID, { nullable: true, description: 'The resident appointed (a WORKER may be staff without one: give `name`)' })
  residentId?: string | null;

  @Field(() => String, { nullable: true, description: 'The name shown when no resident is given' })
  name?: string | null;

  @Field(() => LeaderRole)
  role!: LeaderRole;

  @Field(() => String, {
    nullable: true,
    description: 'ISO date the post begins (default today); a LEADER replaces the current one from then',
  })
  since?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'The appointee agreed to publish their phone on the posts board (default false)' })
  publishContact?: boolean | null;

  @Field(() => String, { nullable: true, description: 'The office number on the posts board (digits, spaces, + and -)' })
  officePhone?: string | null;

  @Field(() => String, { nullable: true, description: 'The duties on the posts board (岗位职责); default: the level’s own' })
  duties?: string | null;
}

@InputType({ description: 'What the posts board shows of an appointment: consent, office number, duties (absent: unchanged)' })
export class UpdateGridLeaderInput {
  @Field(() => Boolean, { nullable: true })
  publishContact?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Blank clears it' })
  officePhone?: string | null;

  @Field(() => String, { nullable: true, description: 'Blank clears it (the level’s own duties are shown)' })
  duties?: string | null;
}
