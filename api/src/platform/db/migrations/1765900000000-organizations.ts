import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * 五方联动 parties: the registry of organisations of a community or a compound — owners' committees
 * (业委会), property companies (物业公司), co-building units (共建单位, optionally tied to a unit's
 * service registration, 双报到), social organisations and councils — with their contacts, published
 * duties (细化职责) and the grids they serve; the "no property company" flag on compounds.
 * `grid_path` is the path of the grid the organisation belongs to (a community or a compound): the
 * row-level security rules and the scope read it.
 */
export class Organizations1765900000000 implements MigrationInterface {
  name = 'Organizations1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        street_id uuid NOT NULL REFERENCES street(id),
        community_id uuid NOT NULL REFERENCES grid(id),
        grid_id uuid NOT NULL REFERENCES grid(id),
        grid_path ltree NOT NULL,
        kind text NOT NULL CHECK (kind IN ('OWNERS_COMMITTEE', 'PROPERTY_COMPANY', 'CO_BUILDING_UNIT', 'SOCIAL_ORGANIZATION', 'COUNCIL')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        duties text NOT NULL DEFAULT '' CHECK (length(duties) <= 4000),
        contacts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(contacts) = 'array'),
        published boolean NOT NULL DEFAULT false,
        registration_id uuid REFERENCES service_registration(id),
        archived_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organization_path_idx ON organization USING gist (grid_path)`);
    await q.query(`CREATE INDEX organization_community_idx ON organization (community_id, kind)`);
    await q.query(`
      CREATE TABLE organization_grid (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        grid_id uuid NOT NULL REFERENCES grid(id) ON DELETE CASCADE,
        PRIMARY KEY (organization_id, grid_id)
      )`);
    await q.query(`CREATE INDEX organization_grid_grid_idx ON organization_grid (grid_id)`);
    await q.query(`ALTER TABLE grid ADD COLUMN no_property_company boolean NOT NULL DEFAULT false`);
    await secureTable(q, 'organization');
    await secureTable(q, 'organization_grid');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grid DROP COLUMN no_property_company`);
    await q.query(`DROP TABLE organization_grid`);
    await q.query(`DROP TABLE organization`);
  }
}
