import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity: users (password login, role, grids they lead), departments' API keys,
 * refresh tokens, failed logins (rate limit) and the audit log of personal-data reads.
 */
export class Identity1764500000000 implements MigrationInterface {
  name = 'Identity1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT')),
        resident_id uuid REFERENCES resident(id),
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX app_user_resident_idx ON app_user (resident_id)`);
    await q.query(`
      CREATE TABLE user_grid (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        grid_id uuid NOT NULL REFERENCES grid(id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, grid_id)
      )`);
    await q.query(`CREATE INDEX user_grid_grid_idx ON user_grid (grid_id)`);
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        department text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        scopes text[] NOT NULL,
        rate_per_minute integer NOT NULL DEFAULT 600 CHECK (rate_per_minute BETWEEN 1 AND 100000),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE login_failure (
        id bigserial PRIMARY KEY,
        login text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_failure_login_at_idx ON login_failure (login, at)`);
    await q.query(`
      CREATE TABLE personal_data_access (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        actor_role text NOT NULL,
        resident_id uuid NOT NULL,
        fields text[] NOT NULL,
        reason text NOT NULL
      )`);
    await q.query(`CREATE INDEX personal_data_access_resident_idx ON personal_data_access (resident_id)`);
    // A resident sees the cases they reported.
    await q.query(`ALTER TABLE "case" ADD COLUMN reporter_user_id uuid REFERENCES app_user(id)`);
    await q.query(`CREATE INDEX case_reporter_user_idx ON "case" (reporter_user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case" DROP COLUMN reporter_user_id`);
    await q.query(`DROP TABLE personal_data_access, login_failure, refresh_token, api_key, user_grid, app_user`);
  }
}
