import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 派遣到网格长: the grid leader a case was dispatched to, picked by the command centre from
 * the leaders of the case's grid chain. The name is kept as it was at dispatch, like an
 * event's actor name, so the case reads the same after the leader's term ends.
 */
export class CaseAssignedLeader1765510000000 implements MigrationInterface {
  name = 'CaseAssignedLeader1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case" ADD COLUMN assigned_leader_id uuid REFERENCES grid_leader (id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE "case" ADD COLUMN assigned_leader_name text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case" DROP COLUMN assigned_leader_name`);
    await q.query(`ALTER TABLE "case" DROP COLUMN assigned_leader_id`);
  }
}
