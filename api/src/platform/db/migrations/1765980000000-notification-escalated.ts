import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = [
  'CASE_DISPATCHED',
  'CASE_RETURNED',
  'EXTENSION_APPROVED',
  'EXTENSION_DECLINED',
  'CASE_RATED',
  'TASK_CONFIRMED',
  'WISH_CLAIMED',
];

/**
 * CASE_ESCALATED (事件上报至我): an escalation tells the leaders of the grid above, or the registered
 * department's staff. Whoever chose to receive dispatches by SMS or WeCom receives escalations too.
 */
export class NotificationEscalated1765980000000 implements MigrationInterface {
  name = 'NotificationEscalated1765980000000';

  async up(q: QueryRunner): Promise<void> {
    await this.kinds(q, [...KINDS, 'WISH_FULFILLED', 'CASE_ESCALATED']);
    await q.query(`UPDATE notification_preference SET kinds = kinds || '{CASE_ESCALATED}'
                    WHERE 'CASE_DISPATCHED' = ANY(kinds) AND NOT 'CASE_ESCALATED' = ANY(kinds)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification WHERE kind = 'CASE_ESCALATED'`);
    await q.query(`UPDATE notification_preference SET kinds = array_remove(kinds, 'CASE_ESCALATED')`);
    await this.kinds(q, [...KINDS, 'WISH_FULFILLED']);
  }

  private async kinds(q: QueryRunner, kinds: string[]): Promise<void> {
    await q.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await q.query(
      `ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`,
    );
  }
}
