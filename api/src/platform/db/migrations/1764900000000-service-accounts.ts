import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A helper's registration belongs to the account that made it, so only that account answers for it. */
export class ServiceAccounts1764900000000 implements MigrationInterface {
  name = 'ServiceAccounts1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_registration ADD COLUMN user_id uuid REFERENCES app_user(id)`);
    await q.query(`CREATE INDEX service_registration_user_idx ON service_registration (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_registration DROP COLUMN user_id`);
  }
}
