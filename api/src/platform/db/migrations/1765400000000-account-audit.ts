import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * Account administration: `account_audit` records every change to an account (created,
 * disabled, enabled, password reset, role or grids changed) with who made it, what changed
 * and why. Append-only: its row-level security lets writers insert and street admins read.
 */
export class AccountAudit1765400000000 implements MigrationInterface {
  name = 'AccountAudit1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        actor_user_id uuid,
        action text NOT NULL CHECK (action IN ('CREATED', 'DISABLED', 'ENABLED', 'PASSWORD_RESET', 'ROLE_CHANGED')),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        detail jsonb NOT NULL DEFAULT '{}',
        reason text NOT NULL
      )`);
    await q.query(`CREATE INDEX account_audit_user_idx ON account_audit (user_id, id)`);
    await secureTable(q, 'account_audit');
    await q.query(`GRANT USAGE, SELECT ON SEQUENCE account_audit_id_seq TO sg_viewer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_audit`);
  }
}
