import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * 宣传: notices (宣传栏) with read receipts, the residents' covenant (居民公约) by version,
 * exemplary deeds (先进事迹) published with consent, and community activities (惠民活动) with
 * sign-ups and attendance. Each scoped row carries its grid's path (`grid_path`) for row-level
 * security; the public projections (`public_notice`, `public_covenant`, `public_deed`) feed the
 * posts board, and `community_activity_counts` answers sign-up counts whoever asks.
 */
export class Publicity1765920000000 implements MigrationInterface {
  name = 'Publicity1765920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grid_id uuid NOT NULL REFERENCES grid(id) ON DELETE CASCADE,
        grid_path ltree NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED')),
        is_public boolean NOT NULL DEFAULT false,
        point geometry(Point, 4326),
        author_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        author_name text NOT NULL,
        published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status = 'DRAFT' OR published_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX notice_path_idx ON notice USING gist (grid_path)`);
    await q.query(`CREATE INDEX notice_point_idx ON notice USING gist (point)`);
    await secureTable(q, 'notice');
    await q.query(`
      CREATE TABLE notice_receipt (
        notice_id uuid NOT NULL REFERENCES notice(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notice_id, user_id)
      )`);
    await secureTable(q, 'notice_receipt');

    await q.query(`
      CREATE TABLE covenant_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES grid(id) ON DELETE CASCADE,
        grid_path ltree NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        note text CHECK (length(note) <= 500),
        author_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (community_id, version)
      )`);
    await secureTable(q, 'covenant_version');

    await q.query(`
      CREATE TABLE exemplary_deed (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grid_id uuid NOT NULL REFERENCES grid(id) ON DELETE CASCADE,
        grid_path ltree NOT NULL,
        person_name text NOT NULL CHECK (length(person_name) BETWEEN 1 AND 50),
        person_kind text NOT NULL CHECK (person_kind IN ('GRID_WORKER', 'VOLUNTEER')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        story text NOT NULL CHECK (length(story) BETWEEN 1 AND 4000),
        consent_at timestamptz,
        consent_note text CHECK (length(consent_note) <= 200),
        consent_recorded_by text,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED')),
        published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT exemplary_deed_consent_check CHECK (status = 'DRAFT' OR (consent_at IS NOT NULL AND published_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX exemplary_deed_path_idx ON exemplary_deed USING gist (grid_path)`);
    await secureTable(q, 'exemplary_deed');

    await q.query(`
      CREATE TABLE community_activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grid_id uuid NOT NULL REFERENCES grid(id) ON DELETE CASCADE,
        grid_path ltree NOT NULL,
        kind text NOT NULL CHECK (kind IN ('MOBILE_LIBRARY', 'CIRCUIT_COURT', 'FREE_CLINIC', 'SPORTS', 'PARENT_CHILD', 'OTHER')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        description text CHECK (length(description) <= 2000),
        place text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX community_activity_path_idx ON community_activity USING gist (grid_path)`);
    await q.query(`CREATE INDEX community_activity_starts_idx ON community_activity (starts_at)`);
    await secureTable(q, 'community_activity');
    await q.query(`
      CREATE TABLE community_activity_signup (
        activity_id uuid NOT NULL REFERENCES community_activity(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        household_id uuid REFERENCES household(id) ON DELETE SET NULL,
        name text NOT NULL,
        people integer NOT NULL DEFAULT 1 CHECK (people BETWEEN 1 AND 10),
        signed_up_at timestamptz NOT NULL DEFAULT now(),
        attended boolean,
        attendance_recorded_by text,
        attendance_recorded_at timestamptz,
        PRIMARY KEY (activity_id, user_id)
      )`);
    await secureTable(q, 'community_activity_signup');

    // Places taken per activity, whoever asks (not who took them).
    await q.query(`
      CREATE FUNCTION community_activity_counts(ids uuid[]) RETURNS TABLE (activity_id uuid, n int)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT s.activity_id, sum(s.people)::int FROM community_activity_signup s
         WHERE s.activity_id = ANY(ids) GROUP BY s.activity_id $$`);

    // The posts board's projections: what is published for the public, nothing else.
    await q.query(`
      CREATE VIEW public_notice AS
        SELECT n.id, n.grid_path, g.code AS grid_code, g.name AS grid_name, n.title, n.body, n.published_at
          FROM notice n JOIN grid g ON g.id = n.grid_id
         WHERE n.status = 'PUBLISHED' AND n.is_public`);
    await q.query(`
      CREATE VIEW public_covenant AS
        SELECT DISTINCT ON (c.community_id) c.id, c.community_id, c.grid_path, c.version, c.title, c.body, c.created_at
          FROM covenant_version c ORDER BY c.community_id, c.version DESC`);
    await q.query(`
      CREATE VIEW public_deed AS
        SELECT d.id, d.grid_path, g.name AS grid_name, d.person_name, d.person_kind, d.title, d.story, d.published_at
          FROM exemplary_deed d JOIN grid g ON g.id = d.grid_id
         WHERE d.status = 'PUBLISHED' AND d.consent_at IS NOT NULL`);
    await q.query(`GRANT SELECT ON public_notice, public_covenant, public_deed TO sg_viewer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_deed, public_covenant, public_notice`);
    await q.query(`DROP FUNCTION community_activity_counts(uuid[])`);
    await q.query(`DROP TABLE community_activity_signup, community_activity, exemplary_deed, covenant_version, notice_receipt, notice`);
  }
}
