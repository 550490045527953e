import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * 议事协商 and 项目清单 (issue #16):
 * - `consultation`: a 板凳会 / 圆桌会 / 居民议事会 of a compound or community (`grid_path` its grid's path), at a party
 *   service post or a free address, started from cases (`case_ids`) or not; PLANNED → HELD (attendance and minutes);
 * - `consultation_invitee`: who is invited — a resident, a registered party member (双报到 registration) or an
 *   organisation of the registry (`organization`: owners' committee, property company, co-building unit…) — and
 *   whether they attended; it carries its consultation's `grid_path`, so its policy never reads `consultation` (whose
 *   policy reads the invitations: PostgreSQL refuses such a cycle);
 * - `resolution`: what a consultation resolved, with an owner and a due day, carried out as a project, a case or a task;
 * - `project`: 民生实事 — title, grid, the need it answers, the lead, status, what was done, progress photos (hashes in
 *   the case photo storage); `point` where the wall draws it (the service post, else the grid's label point);
 * - `project_pledge`: 人财物 pledged (PEOPLE / MONEY / MATERIALS with an amount and unit) and by whom (a public label);
 * - `project_milestone`: dated steps, PENDING or DONE.
 * The echo wall's public function gains completed projects and who contributed.
 */
export class Consultations1765910000000 implements MigrationInterface {
  name = 'Consultations1765910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        street_id uuid NOT NULL REFERENCES street(id),
        grid_id uuid NOT NULL REFERENCES grid(id),
        grid_path ltree NOT NULL,
        kind text NOT NULL CHECK (kind IN ('BENCH', 'ROUND_TABLE', 'RESIDENTS_COUNCIL')),
        topic text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
        starts_at timestamptz NOT NULL,
        service_post_id uuid REFERENCES party_service_post(id) ON DELETE SET NULL,
        address text CHECK (length(address) <= 200),
        case_ids uuid[] NOT NULL DEFAULT '{}',
        point geometry(Point, 4326) NOT NULL,
        published boolean NOT NULL DEFAULT true,
        status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'HELD')),
        minutes text CHECK (length(minutes) <= 8000),
        held_at timestamptz,
        created_by text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (service_post_id IS NOT NULL OR address IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX consultation_path_idx ON consultation USING gist (grid_path)`);
    await q.query(`CREATE INDEX consultation_starts_idx ON consultation (starts_at)`);
    await q.query(`
      CREATE TABLE consultation_invitee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultation(id) ON DELETE CASCADE,
        grid_path ltree NOT NULL,
        kind text NOT NULL CHECK (kind IN ('RESIDENT', 'PARTY_MEMBER', 'ORGANIZATION')),
        resident_id uuid REFERENCES resident(id) ON DELETE CASCADE,
        registration_id uuid REFERENCES service_registration(id) ON DELETE CASCADE,
        organization_id uuid REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text CHECK (length(role) <= 100),
        attended boolean,
        CHECK ((kind = 'RESIDENT') = (resident_id IS NOT NULL)),
        CHECK ((kind = 'PARTY_MEMBER') = (registration_id IS NOT NULL)),
        CHECK ((kind = 'ORGANIZATION') = (organization_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX consultation_invitee_consultation_idx ON consultation_invitee (consultation_id)`);
    await q.query(`CREATE INDEX consultation_invitee_resident_idx ON consultation_invitee (resident_id)`);
    await q.query(`CREATE INDEX consultation_invitee_registration_idx ON consultation_invitee (registration_id)`);
    await q.query(`
      CREATE TABLE project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        street_id uuid NOT NULL REFERENCES street(id),
        grid_id uuid NOT NULL REFERENCES grid(id),
        grid_path ltree NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        need text NOT NULL CHECK (length(need) BETWEEN 1 AND 2000),
        need_id uuid REFERENCES service_need(id) ON DELETE SET NULL,
        case_ids uuid[] NOT NULL DEFAULT '{}',
        lead_name text NOT NULL CHECK (length(lead_name) BETWEEN 1 AND 200),
        lead_organization_id uuid REFERENCES organization(id) ON DELETE SET NULL,
        point geometry(Point, 4326) NOT NULL,
        published boolean NOT NULL DEFAULT true,
        status text NOT NULL DEFAULT 'IN_PROGRESS' CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
        summary text CHECK (length(summary) <= 4000),
        photos text[] NOT NULL DEFAULT '{}',
        completed_at timestamptz,
        created_by text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL AND summary IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX project_path_idx ON project USING gist (grid_path)`);
    await q.query(`
      CREATE TABLE resolution (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultation(id) ON DELETE CASCADE,
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
        carried_as text NOT NULL CHECK (carried_as IN ('PROJECT', 'CASE', 'TASK')),
        owner_name text NOT NULL CHECK (length(owner_name) BETWEEN 1 AND 200),
        due_on date NOT NULL,
        case_id uuid REFERENCES "case"(id) ON DELETE SET NULL,
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (carried_as = 'CASE' OR case_id IS NULL)
      )`);
    await q.query(`CREATE INDEX resolution_consultation_idx ON resolution (consultation_id)`);
    await q.query(`ALTER TABLE project ADD COLUMN resolution_id uuid REFERENCES resolution(id) ON DELETE SET NULL`);
    await q.query(`CREATE UNIQUE INDEX project_resolution_idx ON project (resolution_id)`);
    await q.query(`
      CREATE TABLE project_pledge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('PEOPLE', 'MONEY', 'MATERIALS')),
        amount numeric(14, 2) NOT NULL CHECK (amount > 0),
        unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
        description text CHECK (length(description) <= 500),
        pledger_kind text NOT NULL CHECK (pledger_kind IN ('ORGANIZATION', 'PARTY_MEMBER', 'REPRESENTATIVE', 'RESIDENT')),
        pledger_name text NOT NULL CHECK (length(pledger_name) BETWEEN 1 AND 200),
        organization_id uuid REFERENCES organization(id) ON DELETE SET NULL,
        registration_id uuid REFERENCES service_registration(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX project_pledge_project_idx ON project_pledge (project_id)`);
    await q.query(`
      CREATE TABLE project_milestone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE')),
        done_at timestamptz,
        CHECK ((status = 'DONE') = (done_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX project_milestone_project_idx ON project_milestone (project_id, due_on)`);
    for (const t of ['consultation', 'consultation_invitee', 'resolution', 'project', 'project_pledge', 'project_milestone'])
      await secureTable(q, t);

    // The echo wall (回音壁) also shows completed, published projects: what was done and who contributed (lead and pledgers' public labels).
    await q.query(`DROP FUNCTION echo_wall_items(ltree, int)`);
    await q.query(`
      CREATE FUNCTION echo_wall_items(community ltree, lim int)
        RETURNS TABLE (kind text, id uuid, title text, outcome text, thanks text, compound text, "doneAt" timestamptz, contributors text[])
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT * FROM (
          SELECT 'WISH', w.id, w.title, w.fulfil_note, w.thanks, mg.name, coalesce(w.thanked_at, w.fulfilled_at), '{}'::text[]
            FROM micro_wish w JOIN grid mg ON mg.path @> w.grid_path AND mg.level = 'MEDIUM'
           WHERE w.grid_path <@ community AND w.status IN ('FULFILLED', 'THANKED')
          UNION ALL
          SELECT 'CASE', c.id, cc.name_zh, c.feedback, c.rating_comment, mg.name, c.closed_at, '{}'::text[]
            FROM "case" c JOIN case_category cc ON cc.code = c.category JOIN grid mg ON mg.path @> c.grid_path AND mg.level = 'MEDIUM'
           WHERE c.grid_path <@ community AND c.status IN ('CLOSED', 'RATED') AND c.closed_at IS NOT NULL
          UNION ALL
          SELECT 'PROJECT', p.id, p.title, p.summary, NULL, coalesce(mg.name, cg.name), p.completed_at,
                 ARRAY(SELECT x.name FROM (
                   SELECT p.lead_name AS name, 0 AS o
                   UNION SELECT pl.pledger_name, 1 FROM project_pledge pl WHERE pl.project_id = p.id) x
                   GROUP BY x.name ORDER BY min(x.o), x.name)
            FROM project p JOIN grid cg ON cg.path = subpath(p.grid_path, 0, 2)
            LEFT JOIN grid mg ON mg.path @> p.grid_path AND mg.level = 'MEDIUM'
           WHERE p.grid_path <@ community AND p.status = 'COMPLETED' AND p.published
        ) e ORDER BY 7 DESC, 2 LIMIT lim $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION echo_wall_items(ltree, int)`);
    await q.query(`
      CREATE FUNCTION echo_wall_items(community ltree, lim int)
        RETURNS TABLE (kind text, id uuid, title text, outcome text, thanks text, compound text, "doneAt" timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT * FROM (
          SELECT 'WISH', w.id, w.title, w.fulfil_note, w.thanks, mg.name, coalesce(w.thanked_at, w.fulfilled_at)
            FROM micro_wish w JOIN grid mg ON mg.path @> w.grid_path AND mg.level = 'MEDIUM'
           WHERE w.grid_path <@ community AND w.status IN ('FULFILLED', 'THANKED')
          UNION ALL
          SELECT 'CASE', c.id, cc.name_zh, c.feedback, c.rating_comment, mg.name, c.closed_at
            FROM "case" c JOIN case_category cc ON cc.code = c.category JOIN grid mg ON mg.path @> c.grid_path AND mg.level = 'MEDIUM'
           WHERE c.grid_path <@ community AND c.status IN ('CLOSED', 'RATED') AND c.closed_at IS NOT NULL
        ) e ORDER BY 7 DESC, 2 LIMIT lim $$`);
    await q.query(`DROP TABLE project_milestone, project_pledge, resolution, project, consultation_invitee, consultation CASCADE`);
  }
}
