import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Db } from '../../platform/db/session';
import { missing } from '../../platform/graphql/errors';
import { uuid } from '../../platform/graphql/validate';
import type { Scope } from '../../platform/identity/scope';
import { GridLevel } from '../grid/grid.entity';
import { PartyServicePostKind } from './posts.type';

export enum PartyCoverageStatus {
  COVERED = 'COVERED',
  NO_LEADER = 'NO_LEADER',
  NO_ORGANIZATION = 'NO_ORGANIZATION',
  NEITHER = 'NEITHER',
}
registerEnumType(PartyCoverageStatus, {
  name: 'PartyCoverageStatus',
  description:
    'COVERED: a live organisation of its kind and a current LEADER; NO_LEADER / NO_ORGANIZATION: one of them missing; NEITHER: both',
});

@ObjectType({ description: 'One grid of the party layer: its coverage and what its panel shows' })
export class PartyMapGrid {
  @Field(() => ID)
  gridId!: string;

  @Field(() => GridLevel)
  level!: GridLevel;

  @Field(() => PartyCoverageStatus)
  status!: PartyCoverageStatus;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => String, { nullable: true, description: 'The live organisation aligned to the grid' })
  organizationName!: string | null;

  @Field(() => String, { nullable: true, description: '书记' })
  secretaryName!: string | null;

  @Field(() => String, { nullable: true, description: '网格长 — the current LEADER' })
  leaderName!: string | null;

  @Field(() => Int, { description: 'Party members (incl. in-service members) living in the grid’s subtree' })
  partyMembers!: number;
}

@ObjectType({ description: '党员中心户 on the map: the household’s building point and the households it looks after' })
export class PartyMapCentralHousehold {
  @Field(() => ID, { description: 'The organisation (level CENTRAL_HOUSEHOLD)' })
  id!: string;

  @Field(() => ID)
  householdId!: string;

  @Field()
  name!: string;

  @Field()
  address!: string;

  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;

  @Field(() => Int, { description: 'Households it looks after (联系户)' })
  linkedHouseholds!: number;
}

@ObjectType({ description: '党群服务阵地 on the map' })
export class PartyMapServicePost {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => PartyServicePostKind)
  kind!: PartyServicePostKind;

  @Field()
  hours!: string;

  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;
}

@ObjectType({ description: 'The wall’s party layer over the grids the caller sees (or a subtree): one request' })
export class PartyMap {
  @Field(() => [PartyMapGrid])
  grids!: PartyMapGrid[];

  @Field(() => [PartyMapCentralHousehold])
  centralHouseholds!: PartyMapCentralHousehold[];

  @Field(() => [PartyMapServicePost])
  servicePosts!: PartyMapServicePost[];
}

interface Row {
  found: boolean;
  grids: PartyMapGrid[] | null;
  central: PartyMapCentralHousehold[] | null;
  posts: PartyMapServicePost[] | null;
}

/**
 * The party layer: per grid its coverage (a live organisation of its kind, a current LEADER),
 * organisation, secretary, leader and party members; the central households at their building's
 * point; the service posts. Read as the caller (row-level security) in one statement.
 */
export async function partyMap(db: Db, scope: Scope, gridId: string | null | undefined): Promise<PartyMap> {
  if (gridId != null) uuid(gridId, 'gridId');
  const visible = scope.whereRaw('Grid', 'g', 2);
  const [r]: Row[] = await db.query(
    `WITH root AS (SELECT path FROM grid WHERE id = $1::uuid),
     g AS (
       SELECT g.id, g.level::text AS level, g.path, o.id AS org_id, o.name AS org_name, o.secretary_name,
              (SELECT l.name FROM grid_leader l WHERE l.grid_id = g.id AND l.until IS NULL AND l.role = 'LEADER'
                ORDER BY l.since DESC LIMIT 1) AS leader_name
         FROM grid g
         LEFT JOIN party_organization o
           ON o.grid_id = g.id AND o.dissolved_at IS NULL
          AND o.level = CASE g.level WHEN 'LARGE' THEN 'COMMUNITY' WHEN 'MEDIUM' THEN 'COMPOUND_BRANCH' ELSE 'BUILDING_GROUP' END
        WHERE ($1::uuid IS NULL OR g.path <@ (SELECT path FROM root)) AND ${visible.sql}
     ),
     -- Party members counted once per small grid, then added up to every grid above it by its path's
     -- prefixes (an equality join): joining each grid to the residents of its subtree read a district's
     -- residents once per level (20 streets: 18–25 s). A resident's or household's path is its small
     -- grid's, so "in the area" is "its path is one of g's" (a hash lookup; testing it against each of
     -- the area's 202 communities with <@ was 2.5 s on 20 streets); the party members come from their
     -- partial index (migration 1765995000001): 20 streets 49 ms.
     small AS (
       SELECT r.grid_path AS p, count(*)::int AS n
         FROM resident r
        WHERE (r.is_party_member OR r.is_in_service_party_member) AND r.grid_path IN (SELECT path FROM g)
        GROUP BY r.grid_path
     ),
     members AS (
       SELECT g.id, sum(s.n)::int AS n
         FROM small s CROSS JOIN LATERAL generate_series(1, nlevel(s.p)) AS k(len)
         JOIN g ON g.path::text = subpath(s.p, 0, k.len)::text
        GROUP BY g.id
     )
     SELECT ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM root)) AS found,
       (SELECT json_agg(json_build_object(
                 'gridId', g.id, 'level', g.level,
                 'status', CASE WHEN g.org_id IS NOT NULL AND g.leader_name IS NOT NULL THEN 'COVERED'
                                WHEN g.org_id IS NOT NULL THEN 'NO_LEADER'
                                WHEN g.leader_name IS NOT NULL THEN 'NO_ORGANIZATION' ELSE 'NEITHER' END,
                 'organizationId', g.org_id, 'organizationName', g.org_name, 'secretaryName', g.secretary_name,
                 'leaderName', g.leader_name, 'partyMembers', coalesce(m.n, 0)) ORDER BY g.path)
          FROM g LEFT JOIN members m ON m.id = g.id) AS grids,
       (SELECT json_agg(json_build_object('id', o.id, 'householdId', h.id, 'name', o.name, 'address', h.address,
                 'lng', ST_X(b.centroid), 'lat', ST_Y(b.centroid),
                 'linkedHouseholds', (SELECT count(*)::int FROM central_household_link k WHERE k.organization_id = o.id))
                 ORDER BY h.address)
          FROM party_organization o JOIN household h ON h.id = o.household_id JOIN building b ON b.id = h.building_id
         WHERE o.level = 'CENTRAL_HOUSEHOLD' AND o.dissolved_at IS NULL
           AND h.grid_path IN (SELECT path FROM g)) AS central,
       (SELECT json_agg(json_build_object('id', sp.id, 'name', sp.name, 'kind', sp.kind, 'hours', sp.hours,
                 'lng', ST_X(sp.point), 'lat', ST_Y(sp.point)) ORDER BY sp.name)
          FROM party_service_post sp WHERE sp.grid_id IN (SELECT id FROM g)) AS posts`,
    [gridId ?? null, ...visible.params],
  );
  if (!r.found) throw missing('gridId', 'grid', scope.seesEverything('Grid'));
  return { grids: r.grids ?? [], centralHouseholds: r.central ?? [], servicePosts: r.posts ?? [] };
}
