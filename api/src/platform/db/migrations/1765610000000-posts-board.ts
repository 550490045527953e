import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * The public posts board (岗位公示) and the party's service posts (红色1平米, 议事亭, 党群服务站):
 * - consent to publish a contact (`publish_contact`, default false), an office number and the
 *   duties on each grid leader's appointment; the same for an organisation's secretary and its
 *   new deputy secretary (副书记);
 * - `party_service_post`: a place with name, kind, point, hours, in one grid;
 * - the public projections anyone may read (anonymous included), owned like `public_community`:
 *   `public_grid` (code, name, level, chain — no geometry), `public_grid_post` (current
 *   appointments: name, post, duties, office number, and the phone only when consented) and
 *   `public_party_post` (live organisations: secretaries' and deputies' names, consented phones).
 *   No resident row is opened to the anonymous role.
 */
export class PostsBoard1765610000000 implements MigrationInterface {
  name = 'PostsBoard1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE grid_leader
        ADD COLUMN publish_contact boolean NOT NULL DEFAULT false,
        ADD COLUMN office_phone text,
        ADD COLUMN duties text`);
    await q.query(`
      ALTER TABLE party_organization
        ADD COLUMN secretary_publish_contact boolean NOT NULL DEFAULT false,
        ADD COLUMN deputy_id uuid REFERENCES resident(id),
        ADD COLUMN deputy_name text,
        ADD COLUMN deputy_publish_contact boolean NOT NULL DEFAULT false,
        ADD COLUMN office_phone text`);
    await q.query(`CREATE INDEX party_org_deputy_idx ON party_organization (deputy_id)`);
    await q.query(`
      CREATE TABLE party_service_post (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        street_id uuid NOT NULL REFERENCES street(id),
        grid_id uuid NOT NULL REFERENCES grid(id),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('RED_SQUARE_METRE', 'DISCUSSION_PAVILION', 'SERVICE_STATION', 'SERVICE_CENTRE', 'OTHER')),
        point geometry(Point, 4326) NOT NULL,
        hours text NOT NULL,
        address text,
        phone text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX party_service_post_grid_idx ON party_service_post (grid_id)`);
    await q.query(`CREATE INDEX party_service_post_point_idx ON party_service_post USING gist (point)`);
    await secureTable(q, 'party_service_post');

    await q.query(`
      CREATE VIEW public_grid AS
        SELECT g.id, g.street_id, s.name AS street_name, g.parent_id, g.code, g.name, g.level::text AS level, g.path
          FROM grid g JOIN street s ON s.id = g.street_id`);
    await q.query(`
      CREATE VIEW public_grid_post AS
        SELECT gl.id, gl.grid_id, gl.role, gl.name, gl.since, gl.duties, gl.office_phone,
               CASE WHEN gl.publish_contact THEN r.phone END AS contact
          FROM grid_leader gl LEFT JOIN resident r ON r.id = gl.resident_id
         WHERE gl.until IS NULL`);
    await q.query(`
      CREATE VIEW public_party_post AS
        SELECT o.id, o.street_id, o.level, o.name, o.grid_id, coalesce(g.path, h.grid_path) AS grid_path, b.name AS building_name,
               o.secretary_name, CASE WHEN o.secretary_publish_contact THEN s.phone END AS secretary_contact,
               o.deputy_name, CASE WHEN o.deputy_publish_contact THEN d.phone END AS deputy_contact, o.office_phone
          FROM party_organization o
          LEFT JOIN grid g ON g.id = o.grid_id
          LEFT JOIN household h ON h.id = o.household_id
          LEFT JOIN building b ON b.id = h.building_id
          LEFT JOIN resident s ON s.id = o.secretary_id
          LEFT JOIN resident d ON d.id = o.deputy_id
         WHERE o.dissolved_at IS NULL`);
    await q.query(`GRANT SELECT ON public_grid, public_grid_post, public_party_post TO sg_viewer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_party_post, public_grid_post, public_grid`);
    await q.query(`DROP TABLE party_service_post`);
    await q.query(`DROP INDEX party_org_deputy_idx`);
    await q.query(`
      ALTER TABLE party_organization DROP COLUMN secretary_publish_contact, DROP COLUMN deputy_id, DROP COLUMN deputy_name,
        DROP COLUMN deputy_publish_contact, DROP COLUMN office_phone`);
    await q.query(`ALTER TABLE grid_leader DROP COLUMN publish_contact, DROP COLUMN office_phone, DROP COLUMN duties`);
  }
}
