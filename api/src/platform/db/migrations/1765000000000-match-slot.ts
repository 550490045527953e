import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The time a match holds its helper (the overlap of need and availability), so later runs do not book them twice; null on older rows. */
export class MatchSlot1765000000000 implements MigrationInterface {
  name = 'MatchSlot1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE service_match ADD COLUMN weekday smallint, ADD COLUMN start_minute smallint, ADD COLUMN end_minute smallint`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_match DROP COLUMN weekday, DROP COLUMN start_minute, DROP COLUMN end_minute`);
  }
}
