import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The spatial model: street → grids (LARGE/MEDIUM/SMALL, ltree path) → buildings →
 * households → residents, the five-level party chain and grid leader assignments.
 */
export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS postgis`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS ltree`);
    await q.query(`CREATE TYPE grid_level AS ENUM ('LARGE', 'MEDIUM', 'SMALL')`);
    await q.query(`
      CREATE TABLE street (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{9}$'),
        name text NOT NULL,
        geom geometry(MultiPolygon, 4326) NOT NULL,
        area_m2 double precision NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX street_geom_idx ON street USING gist (geom)`);
    await q.query(`
      CREATE TABLE grid (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        street_id uuid NOT NULL REFERENCES street(id),
        parent_id uuid REFERENCES grid(id),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        level grid_level NOT NULL,
        path ltree NOT NULL UNIQUE,
        geom geometry(MultiPolygon, 4326) NOT NULL,
        label_point geometry(Point, 4326) NOT NULL,
        area_m2 double precision NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'LARGE') = (parent_id IS NULL))
      )`);
    await q.query(`CREATE INDEX grid_geom_idx ON grid USING gist (geom)`);
    await q.query(`CREATE INDEX grid_path_idx ON grid USING gist (path)`);
    await q.query(`CREATE INDEX grid_parent_idx ON grid (parent_id)`);
    await q.query(`CREATE INDEX grid_street_level_idx ON grid (street_id, level)`);
    await q.query(`
      CREATE TABLE building (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grid_id uuid NOT NULL REFERENCES grid(id),
        code text UNIQUE,
        name text NOT NULL,
        address text NOT NULL,
        floors integer NOT NULL CHECK (floors BETWEEN 1 AND 200),
        units integer NOT NULL CHECK (units BETWEEN 1 AND 100),
        footprint geometry(MultiPolygon, 4326) NOT NULL,
        centroid geometry(Point, 4326) NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX building_footprint_idx ON building USING gist (footprint)`);
    await q.query(`CREATE INDEX building_centroid_idx ON building USING gist (centroid)`);
    await q.query(`CREATE INDEX building_grid_idx ON building (grid_id)`);
    await q.query(`
      CREATE TABLE household (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        building_id uuid NOT NULL REFERENCES building(id),
        unit integer NOT NULL CHECK (unit >= 1),
        room text NOT NULL,
        address text NOT NULL,
        size integer NOT NULL CHECK (size BETWEEN 0 AND 50),
        tags text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (building_id, unit, room)
      )`);
    await q.query(`CREATE INDEX household_tags_idx ON household USING gin (tags)`);
    await q.query(`
      CREATE TABLE resident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id uuid NOT NULL REFERENCES household(id),
        name text NOT NULL,
        gender text NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
        birth_year integer NOT NULL CHECK (birth_year BETWEEN 1900 AND 2100),
        relation text NOT NULL,
        phone text,
        id_number text UNIQUE,
        is_party_member boolean NOT NULL DEFAULT false,
        is_volunteer boolean NOT NULL DEFAULT false,
        is_retired_cadre boolean NOT NULL DEFAULT false,
        is_in_service_party_member boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX resident_household_idx ON resident (household_id)`);
    await q.query(`CREATE INDEX resident_name_idx ON resident (name text_pattern_ops)`);
    await q.query(`
      CREATE TABLE party_organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        street_id uuid NOT NULL REFERENCES street(id),
        parent_id uuid REFERENCES party_organization(id),
        level text NOT NULL CHECK (level IN ('STREET_COMMITTEE', 'COMMUNITY', 'COMPOUND_BRANCH', 'BUILDING_GROUP', 'CENTRAL_HOUSEHOLD')),
        name text NOT NULL,
        grid_id uuid REFERENCES grid(id),
        household_id uuid REFERENCES household(id),
        secretary_id uuid REFERENCES resident(id),
        secretary_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'STREET_COMMITTEE') = (parent_id IS NULL)),
        CHECK (level <> 'CENTRAL_HOUSEHOLD' OR household_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX party_org_grid_idx ON party_organization (grid_id)`);
    await q.query(`CREATE INDEX party_org_parent_idx ON party_organization (parent_id)`);
    // Foreign keys that deletes check: without these, replacing a street scans whole tables.
    await q.query(`CREATE INDEX party_org_household_idx ON party_organization (household_id)`);
    await q.query(`CREATE INDEX party_org_secretary_idx ON party_organization (secretary_id)`);
    await q.query(`
      CREATE TABLE grid_leader (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grid_id uuid NOT NULL REFERENCES grid(id),
        resident_id uuid REFERENCES resident(id),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('LEADER', 'DEPUTY', 'WORKER')),
        since date NOT NULL,
        until date,
        CHECK (until IS NULL OR until >= since)
      )`);
    await q.query(`CREATE INDEX grid_leader_grid_idx ON grid_leader (grid_id)`);
    await q.query(`CREATE INDEX grid_leader_resident_idx ON grid_leader (resident_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grid_leader, party_organization, resident, household, building, grid, street`);
    await q.query(`DROP TYPE grid_level`);
  }
}
