import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GridLevel } from '../grid/grid.entity';
import { LeaderRole, PartyOrgLevel } from '../party/party.entity';

/** The kinds of party service post the street runs. */
export enum PartyServicePostKind {
  RED_SQUARE_METRE = 'RED_SQUARE_METRE',
  DISCUSSION_PAVILION = 'DISCUSSION_PAVILION',
  SERVICE_STATION = 'SERVICE_STATION',
  SERVICE_CENTRE = 'SERVICE_CENTRE',
  OTHER = 'OTHER',
}
registerEnumType(PartyServicePostKind, {
  name: 'PartyServicePostKind',
  description:
    'RED_SQUARE_METRE 红色1平米, DISCUSSION_PAVILION 议事亭, SERVICE_STATION 党群服务站, SERVICE_CENTRE 党群服务中心, OTHER 其他',
});

/** 党群服务阵地 — a party service post: a public place, with its opening hours. */
@ObjectType({ description: '党群服务阵地 — a party service post (红色1平米, 议事亭, 党群服务站 …): public' })
export class PartyServicePost {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  gridId!: string;

  @Field({ description: 'The code of the grid it lies in' })
  gridCode!: string;

  @Field()
  gridName!: string;

  @Field()
  name!: string;

  @Field(() => PartyServicePostKind)
  kind!: PartyServicePostKind;

  @Field(() => Float, { description: 'WGS-84 longitude' })
  lng!: number;

  @Field(() => Float, { description: 'WGS-84 latitude' })
  lat!: number;

  @Field({ description: 'Opening hours as shown, e.g. 周一至周五 9:00–17:00' })
  hours!: string;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'The post’s own (office) number' })
  phone!: string | null;

  @Field(() => Int)
  version!: number;
}

@InputType({ description: 'A party service post: a point inside its grid' })
export class PartyServicePostInput {
  @Field(() => ID)
  gridId!: string;

  @Field()
  name!: string;

  @Field(() => PartyServicePostKind)
  kind!: PartyServicePostKind;

  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;

  @Field()
  hours!: string;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Digits, spaces, + and -' })
  phone?: string | null;
}

/** A grid as the posts board names it: code, name, level — no shape, no counts. */
@ObjectType({ description: 'A grid on the public posts board: code, name and level only' })
export class PublicGrid {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => GridLevel)
  level!: GridLevel;
}

/** A grid leader's post as made public: name, post, duties, and a phone only with their consent. */
@ObjectType({ description: '岗位公示 — a current grid leader, deputy or worker, as made public' })
export class PublicGridPost {
  @Field(() => LeaderRole)
  role!: LeaderRole;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Their duties; null: the level’s own' })
  duties!: string | null;

  @Field(() => String, { nullable: true, description: 'Their phone, only when they agreed to publish it' })
  contact!: string | null;

  @Field(() => String, { nullable: true, description: 'The office number, when one is given' })
  officePhone!: string | null;

  @Field({ description: 'ISO date the post began' })
  since!: string;

  @Field()
  gridCode!: string;

  @Field(() => GridLevel)
  gridLevel!: GridLevel;
}

/** A live party organisation as made public: its name, its secretary and deputy, consented phones. */
@ObjectType({ description: '岗位公示 — a party organisation (or central household), as made public' })
export class PublicPartyPost {
  @Field(() => PartyOrgLevel)
  level!: PartyOrgLevel;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'The grid it is aligned to (none for the street committee and central households)' })
  gridCode!: string | null;

  @Field(() => String, { nullable: true, description: 'For a central household: its building (no room, no address)' })
  buildingName!: string | null;

  @Field(() => String, { nullable: true })
  secretaryName!: string | null;

  @Field(() => String, { nullable: true, description: 'Only when the secretary agreed to publish it' })
  secretaryContact!: string | null;

  @Field(() => String, { nullable: true })
  deputySecretaryName!: string | null;

  @Field(() => String, { nullable: true, description: 'Only when the deputy agreed to publish it' })
  deputyContact!: string | null;

  @Field(() => String, { nullable: true })
  officePhone!: string | null;
}

/** The public posts board (岗位公示) of a community, compound or building grid. */
@ObjectType({ description: '岗位公示 — the public posts board of a grid: who serves it and where the party’s service posts are' })
export class PostsBoard {
  @Field(() => PublicGrid)
  grid!: PublicGrid;

  @Field()
  streetName!: string;

  @Field(() => [PublicGrid], { description: 'Up the chain: the community, then the compound (not the grid itself)' })
  up!: PublicGrid[];

  @Field(() => [PublicGrid], { description: 'Down the chain: the grids directly under it' })
  down!: PublicGrid[];

  @Field(() => [PublicGridPost], { description: 'The leaders of this grid and of the grids above it, community first' })
  leaders!: PublicGridPost[];

  @Field(() => [PublicPartyPost], { description: 'The party chain from the street committee down to this grid’s organisation' })
  organizations!: PublicPartyPost[];

  @Field(() => [PublicPartyPost], { description: '党员中心户 — the central households in this grid' })
  centralHouseholds!: PublicPartyPost[];

  @Field(() => [PartyServicePost], { description: 'The party service posts of this grid, those above it and those under it' })
  servicePosts!: PartyServicePost[];
}
