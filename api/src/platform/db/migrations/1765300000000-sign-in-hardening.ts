import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in hardening:
 * - `refresh_token.family_id`: every token refreshed from one sign-in shares it, so using a
 *   token a second time revokes the whole family; `created_at` and `address` (the client's)
 *   say where the account signed in, which lets its own client pass the account-wide delay;
 * - `login_failure.address`: failed sign-ins are counted per (login, address) and per address.
 * No table is added: both keep their system-only row-level security.
 */
export class SignInHardening1765300000000 implements MigrationInterface {
  name = 'SignInHardening1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE refresh_token
         ADD COLUMN family_id uuid, ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(), ADD COLUMN address text`,
    );
    await q.query(`UPDATE refresh_token SET family_id = id`);
    await q.query(`ALTER TABLE refresh_token ALTER COLUMN family_id SET NOT NULL`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX refresh_token_user_address_idx ON refresh_token (user_id, address)`);

    await q.query(`ALTER TABLE login_failure ADD COLUMN address text`);
    await q.query(`CREATE INDEX login_failure_address_at_idx ON login_failure (address, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX login_failure_address_at_idx`);
    await q.query(`ALTER TABLE login_failure DROP COLUMN address`);
    await q.query(`ALTER TABLE refresh_token DROP COLUMN family_id, DROP COLUMN created_at, DROP COLUMN address`);
  }
}
