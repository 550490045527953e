import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * 消息通知 — the in-app inbox (`notification`: one row per recipient and cause, read by its
 * recipient only), each user's preferences (which kinds go out, on which channels, quiet
 * hours) and the `outbox` of messages to send by SMS or a WeCom group robot. Inbox and
 * outbox rows are written in the transaction of the change that causes them; the outbox is
 * the system's alone (no viewer role has a policy on it) and is emptied by the notify worker.
 */
export class Notifications1765620000000 implements MigrationInterface {
  name = 'Notifications1765620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('CASE_DISPATCHED', 'CASE_RETURNED', 'EXTENSION_APPROVED', 'EXTENSION_DECLINED',
                                           'CASE_RATED', 'TASK_CONFIRMED', 'WISH_CLAIMED', 'WISH_FULFILLED')),
        subject_type text NOT NULL CHECK (subject_type IN ('CASE', 'MATCH', 'WISH')),
        subject_id uuid NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notification_unread_idx ON notification (user_id) WHERE read_at IS NULL`);
    await secureTable(q, 'notification');

    await q.query(`
      CREATE TABLE notification_preference (
        user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
        kinds text[] NOT NULL,
        channels text[] NOT NULL CHECK (channels <@ ARRAY['SMS', 'WECOM']),
        quiet_start smallint CHECK (quiet_start BETWEEN 0 AND 1439),
        quiet_end smallint CHECK (quiet_end BETWEEN 0 AND 1439),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
      )`);
    await secureTable(q, 'notification_preference');

    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notification(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('SMS', 'WECOM')),
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (notification_id, channel)
      )`);
    await q.query(`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`ALTER TABLE outbox ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE notification_preference`);
    await q.query(`DROP TABLE notification`);
  }
}
