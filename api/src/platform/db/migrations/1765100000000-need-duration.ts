import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How long helping with a need takes (the time a match books its helper); an hour for needs raised before. */
export class NeedDuration1765100000000 implements MigrationInterface {
  name = 'NeedDuration1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE service_need ADD COLUMN duration_minutes smallint NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 1 AND 1440)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_need DROP COLUMN duration_minutes`);
  }
}
