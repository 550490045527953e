import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases (民呼我行): the category code table with time limits, the case itself routed to
 * a small grid, and the append-only case_event table whose id is the subscription cursor.
 */
export class Cases1764300000000 implements MigrationInterface {
  name = 'Cases1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_category (
        code text PRIMARY KEY,
        name_zh text NOT NULL,
        name_en text NOT NULL,
        description text NOT NULL,
        hours_normal integer NOT NULL CHECK (hours_normal > 0),
        hours_high integer NOT NULL CHECK (hours_high > 0),
        hours_urgent integer NOT NULL CHECK (hours_urgent > 0),
        sort integer NOT NULL
      )`);
    await q.query(`
      INSERT INTO case_category (code, name_zh, name_en, description, hours_normal, hours_high, hours_urgent, sort) VALUES
        ('ENVIRONMENT', '环境卫生', 'Environment and sanitation', 'Litter, overflowing bins, dirty public areas, pests', 72, 24, 4, 1),
        ('PUBLIC_FACILITY', '公共设施', 'Public facilities', 'Broken street lights, manhole covers, benches, signs', 120, 48, 8, 2),
        ('DISPUTE', '矛盾纠纷', 'Disputes', 'Neighbour, family and tenancy disputes for mediation', 168, 72, 24, 3),
        ('SAFETY_HAZARD', '安全隐患', 'Safety hazards', 'Fire exits blocked, gas smell, falling objects, unsafe wiring', 48, 12, 2, 4),
        ('LIVELIHOOD', '民生服务', 'Livelihood and assistance', 'Help for the elderly living alone, hardship, benefits', 120, 48, 12, 5),
        ('PROPERTY', '物业管理', 'Property management', 'Lifts, leaks, parking and other property-service complaints', 120, 48, 12, 6),
        ('ILLEGAL_CONSTRUCTION', '违章搭建', 'Illegal construction', 'Unauthorised building, encroachment on public space', 240, 72, 24, 7),
        ('OTHER', '其他', 'Other', 'Anything that fits no other category', 168, 72, 24, 8)`);
    await q.query(`
      CREATE TABLE "case" (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        client_key text UNIQUE,
        category text NOT NULL REFERENCES case_category(code),
        source text NOT NULL CHECK (source IN ('RESIDENT', 'GRID_PATROL', 'HOTLINE', 'DEPARTMENT', 'SENSOR')),
        priority text NOT NULL CHECK (priority IN ('NORMAL', 'HIGH', 'URGENT')),
        status text NOT NULL CHECK (status IN ('REPORTED', 'FILED', 'DISPATCHED', 'IN_PROGRESS', 'HANDLED', 'CLOSED', 'RATED', 'REJECTED',
                                               'ESCALATED')),
        description text NOT NULL,
        address text,
        building_id uuid REFERENCES building(id),
        reporter_name text,
        photos text[] NOT NULL DEFAULT '{}',
        location geometry(Point, 4326) NOT NULL,
        grid_id uuid NOT NULL REFERENCES grid(id),
        grid_path ltree NOT NULL,
        department text,
        escalated_to text,
        reject_reason text,
        duplicate_of uuid REFERENCES "case"(id),
        feedback text,
        rating integer CHECK (rating BETWEEN 1 AND 5),
        rating_comment text,
        rework_count integer NOT NULL DEFAULT 0,
        extension_count integer NOT NULL DEFAULT 0,
        overdue boolean NOT NULL DEFAULT false,
        due_at timestamptz,
        reported_at timestamptz NOT NULL DEFAULT now(),
        filed_at timestamptz,
        dispatched_at timestamptz,
        handled_at timestamptz,
        closed_at timestamptz,
        rated_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_location_idx ON "case" USING gist (location)`);
    await q.query(`CREATE INDEX case_grid_path_idx ON "case" USING gist (grid_path)`);
    await q.query(`CREATE INDEX case_status_idx ON "case" (status, due_at)`);
    await q.query(`CREATE INDEX case_reported_idx ON "case" (reported_at)`);
    await q.query(`
      CREATE TABLE case_event (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
        type text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        version integer NOT NULL,
        actor_role text NOT NULL,
        actor_name text NOT NULL,
        note text,
        data jsonb NOT NULL DEFAULT '{}',
        category text NOT NULL,
        grid_id uuid NOT NULL,
        grid_path ltree NOT NULL,
        location geometry(Point, 4326) NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_event_case_idx ON case_event (case_id, id)`);
    await q.query(`CREATE INDEX case_event_path_idx ON case_event USING gist (grid_path)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_event, "case", case_category`);
  }
}
