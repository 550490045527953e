import type { MigrationInterface, QueryRunner } from 'typeorm';

/** service_event by time: after an outage of the event bus, each API process re-reads the changes committed since it began. */
export class ServiceEventAt1765960000000 implements MigrationInterface {
  name = 'ServiceEventAt1765960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX service_event_at_idx ON service_event (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX service_event_at_idx`);
  }
}
