import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * 工作例会: the log of a street's or a community's work meetings — date, attendees, agenda and
 * decisions, with the cases they concern. `community_id` null: a street-level meeting.
 */
export class WorkMeetings1765840000000 implements MigrationInterface {
  name = 'WorkMeetings1765840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        street_id uuid NOT NULL REFERENCES street(id),
        community_id uuid REFERENCES grid(id),
        held_on date NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        attendees text[] NOT NULL CHECK (cardinality(attendees) BETWEEN 1 AND 100),
        agenda text NOT NULL CHECK (length(agenda) BETWEEN 1 AND 4000),
        decisions text NOT NULL CHECK (length(decisions) <= 4000),
        case_ids uuid[] NOT NULL DEFAULT '{}',
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX work_meeting_held_idx ON work_meeting (held_on)`);
    await q.query(`CREATE INDEX work_meeting_community_idx ON work_meeting (community_id, held_on)`);
    await secureTable(q, 'work_meeting');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE work_meeting`);
  }
}
