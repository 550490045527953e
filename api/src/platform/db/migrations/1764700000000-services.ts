import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community services: the skill code table, dual registrations (双报到) with weekly
 * availability, needs (需求清单), match proposals, service records (hours), dual
 * evaluations (双评议), micro-wishes (微心愿) with one live claim each, visit policies and
 * household visits (入户走访), volunteer teams and activities, and service_event (the
 * append-only audit trail of every service change).
 */
export class Services1764700000000 implements MigrationInterface {
  name = 'Services1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_skill (
        code text PRIMARY KEY,
        name_zh text NOT NULL,
        name_en text NOT NULL,
        sort integer NOT NULL
      )`);
    await q.query(`
      INSERT INTO service_skill (code, name_zh, name_en, sort) VALUES
        ('MEDICAL', '医疗保健', 'Medical and health', 1),
        ('LEGAL', '法律咨询', 'Legal advice', 2),
        ('REPAIR', '家电维修', 'Home repair', 3),
        ('TUTORING', '课业辅导', 'Tutoring', 4),
        ('DRIVING', '爱心车队', 'Driving', 5),
        ('PSYCHOLOGICAL', '心理疏导', 'Psychological support', 6),
        ('IT', '信息技术', 'IT help', 7),
        ('ELDERLY_CARE', '助老助残', 'Elderly and disabled care', 8),
        ('CULTURE_SPORT', '文体活动', 'Culture and sport', 9),
        ('MEAL_DELIVERY', '助餐送餐', 'Meal delivery', 10),
        ('MEDIATION', '矛盾调解', 'Dispute mediation', 11)`);
    await q.query(`
      CREATE TABLE service_registration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('MEMBER', 'VOLUNTEER', 'UNIT')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        unit_name text,
        unit_id uuid REFERENCES service_registration(id),
        community_id uuid NOT NULL REFERENCES grid(id),
        household_id uuid REFERENCES household(id),
        location geometry(Point, 4326) NOT NULL,
        skills text[] NOT NULL,
        will_serve text[] NOT NULL DEFAULT '{}',
        radius_m integer NOT NULL CHECK (radius_m BETWEEN 50 AND 50000),
        weekly_capacity integer NOT NULL CHECK (weekly_capacity BETWEEN 0 AND 50),
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX service_registration_location_idx ON service_registration USING gist ((location::geography))`);
    await q.query(`CREATE INDEX service_registration_community_idx ON service_registration (community_id)`);
    await q.query(`CREATE INDEX service_registration_household_idx ON service_registration (household_id)`);
    await q.query(`CREATE INDEX service_registration_unit_idx ON service_registration (unit_id)`);
    await q.query(`
      CREATE TABLE service_availability (
        registration_id uuid NOT NULL REFERENCES service_registration(id) ON DELETE CASCADE,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
        end_minute smallint NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
        CHECK (end_minute > start_minute),
        PRIMARY KEY (registration_id, weekday, start_minute)
      )`);
    await q.query(`
      CREATE TABLE service_need (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        household_id uuid NOT NULL REFERENCES household(id),
        grid_id uuid NOT NULL REFERENCES grid(id),
        grid_path ltree NOT NULL,
        location geometry(Point, 4326) NOT NULL,
        type text NOT NULL REFERENCES service_skill(code),
        urgency text NOT NULL CHECK (urgency IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
        source text NOT NULL CHECK (source IN ('VISIT', 'RESIDENT', 'GRID_LEADER')),
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
        end_minute smallint NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
        recurrence text NOT NULL CHECK (recurrence IN ('ONCE', 'WEEKLY', 'MONTHLY')),
        notes text,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ASSIGNED', 'DONE', 'CANCELLED')),
        visit_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_minute > start_minute)
      )`);
    await q.query(`CREATE INDEX service_need_path_idx ON service_need USING gist (grid_path)`);
    await q.query(`CREATE INDEX service_need_location_idx ON service_need USING gist ((location::geography))`);
    await q.query(`CREATE INDEX service_need_household_idx ON service_need (household_id)`);
    await q.query(`CREATE INDEX service_need_grid_idx ON service_need (grid_id)`);
    await q.query(`
      CREATE TABLE service_match (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        need_id uuid NOT NULL REFERENCES service_need(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES service_registration(id),
        period date NOT NULL,
        status text NOT NULL CHECK (status IN ('PROPOSED', 'CONFIRMED', 'REJECTED', 'ACCEPTED', 'DECLINED', 'DONE')),
        method text NOT NULL CHECK (method IN ('OPTIMAL', 'GREEDY', 'MANUAL')),
        distance_m double precision NOT NULL,
        explanation text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX service_match_live_idx ON service_match (need_id, period)
       WHERE status IN ('PROPOSED', 'CONFIRMED', 'ACCEPTED', 'DONE')`,
    );
    await q.query(`CREATE INDEX service_match_registration_idx ON service_match (registration_id, period)`);
    await q.query(`
      CREATE TABLE service_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registration_id uuid NOT NULL REFERENCES service_registration(id),
        match_id uuid REFERENCES service_match(id) ON DELETE CASCADE,
        activity_id uuid,
        hours numeric(5,2) NOT NULL CHECK (hours > 0 AND hours <= 24),
        note text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX service_record_registration_idx ON service_record (registration_id, at)`);
    await q.query(`CREATE INDEX service_record_match_idx ON service_record (match_id)`);
    await q.query(`
      CREATE TABLE service_evaluation (
        registration_id uuid NOT NULL REFERENCES service_registration(id) ON DELETE CASCADE,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}(-[0-9]{2})?$'),
        evaluator text NOT NULL CHECK (evaluator IN ('UNIT', 'COMMUNITY')),
        rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment text,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (registration_id, period, evaluator)
      )`);
    await q.query(`
      CREATE TABLE micro_wish (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        household_id uuid NOT NULL REFERENCES household(id),
        grid_id uuid NOT NULL REFERENCES grid(id),
        grid_path ltree NOT NULL,
        location geometry(Point, 4326) NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        description text NOT NULL,
        poster_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('SUBMITTED', 'PUBLISHED', 'REJECTED', 'CLAIMED', 'FULFILLED', 'THANKED')),
        reject_reason text,
        fulfil_note text,
        photo text,
        thanks text,
        helper_id uuid REFERENCES service_registration(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        fulfilled_at timestamptz,
        thanked_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX micro_wish_path_idx ON micro_wish USING gist (grid_path)`);
    await q.query(`CREATE INDEX micro_wish_household_idx ON micro_wish (household_id)`);
    await q.query(`CREATE INDEX micro_wish_grid_idx ON micro_wish (grid_id)`);
    await q.query(`CREATE INDEX micro_wish_helper_idx ON micro_wish (helper_id)`);
    await q.query(`
      CREATE TABLE wish_claim (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        wish_id uuid NOT NULL REFERENCES micro_wish(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES service_registration(id),
        status text NOT NULL CHECK (status IN ('LIVE', 'FULFILLED', 'EXPIRED')),
        claimed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX wish_claim_live_idx ON wish_claim (wish_id) WHERE status = 'LIVE'`);
    await q.query(`CREATE INDEX wish_claim_expiry_idx ON wish_claim (expires_at) WHERE status = 'LIVE'`);
    await q.query(`CREATE INDEX wish_claim_registration_idx ON wish_claim (registration_id)`);
    await q.query(`
      CREATE TABLE visit_policy (
        tag text PRIMARY KEY,
        interval_days integer NOT NULL CHECK (interval_days BETWEEN 1 AND 365)
      )`);
    await q.query(`INSERT INTO visit_policy (tag, interval_days) VALUES ('ELDERLY_ALONE', 7), ('DISABLED', 14), ('LOW_INCOME', 30)`);
    await q.query(`
      CREATE TABLE household_visit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id uuid NOT NULL REFERENCES household(id),
        visitor_name text NOT NULL,
        visitor_role text NOT NULL,
        visited_at timestamptz NOT NULL,
        findings text NOT NULL,
        check_in geometry(Point, 4326),
        check_in_distance_m double precision
      )`);
    await q.query(`CREATE INDEX household_visit_household_idx ON household_visit (household_id, visited_at DESC)`);
    await q.query(`ALTER TABLE service_need ADD FOREIGN KEY (visit_id) REFERENCES household_visit(id)`);
    await q.query(`CREATE INDEX service_need_visit_idx ON service_need (visit_id)`);
    await q.query(`
      CREATE TABLE volunteer_team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES grid(id),
        name text NOT NULL,
        kind text NOT NULL,
        UNIQUE (community_id, name)
      )`);
    await q.query(`
      CREATE TABLE team_member (
        team_id uuid NOT NULL REFERENCES volunteer_team(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES service_registration(id),
        PRIMARY KEY (team_id, registration_id)
      )`);
    await q.query(`CREATE INDEX team_member_registration_idx ON team_member (registration_id)`);
    await q.query(`
      CREATE TABLE team_activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES volunteer_team(id) ON DELETE CASCADE,
        title text NOT NULL,
        place text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX team_activity_team_idx ON team_activity (team_id, starts_at)`);
    await q.query(`
      CREATE TABLE activity_signup (
        activity_id uuid NOT NULL REFERENCES team_activity(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES service_registration(id),
        attended boolean,
        hours numeric(5,2),
        PRIMARY KEY (activity_id, registration_id)
      )`);
    await q.query(`CREATE INDEX activity_signup_registration_idx ON activity_signup (registration_id)`);
    await q.query(`ALTER TABLE service_record ADD FOREIGN KEY (activity_id) REFERENCES team_activity(id) ON DELETE CASCADE`);
    await q.query(`CREATE INDEX service_record_activity_idx ON service_record (activity_id)`);
    await q.query(`
      CREATE TABLE service_event (
        id bigserial PRIMARY KEY,
        subject text NOT NULL CHECK (subject IN ('REGISTRATION', 'NEED', 'MATCH', 'WISH', 'VISIT', 'TEAM', 'ACTIVITY')),
        subject_id uuid NOT NULL,
        type text NOT NULL,
        actor_role text NOT NULL,
        actor_name text NOT NULL,
        note text,
        data jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX service_event_subject_idx ON service_event (subject_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE service_event, activity_signup, team_activity, team_member, volunteer_team, service_need, household_visit, visit_policy,
                  wish_claim, micro_wish, service_evaluation, service_record, service_match, service_availability, service_registration,
                  service_skill CASCADE`,
    );
  }
}
