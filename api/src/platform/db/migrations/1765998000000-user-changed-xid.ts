import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `NOTIFY sg_user_changed` names the transaction that changed the account: `<user id> <xid>`. A
 * notification reaches each API process some time after the commit, so a caller loaded meanwhile
 * may already have seen the change, or not. The load returns its snapshot (`pg_current_snapshot()`),
 * and AuthService drops (or does not cache) a caller only when the change is not visible in it: a
 * load that began after the commit, such as the first request of a token just issued to a new
 * leader, is kept instead of being loaded again on the next request.
 */
export class UserChangedXid1765998000000 implements MigrationInterface {
  name = 'UserChangedXid1765998000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(bump(`OLD.id::text || ' ' || pg_current_xact_id()::text`, `NEW.id::text || ' ' || pg_current_xact_id()::text`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(bump(`OLD.id::text`, `NEW.id::text`));
  }
}

/** `sg_user_bump` as migration OrganizationStaff left it, with the notifications' payloads given. */
const bump = (deleted: string, updated: string) => `
  CREATE OR REPLACE FUNCTION sg_user_bump() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      PERFORM pg_notify('sg_user_changed', ${deleted});
      RETURN OLD;
    END IF;
    IF NEW.role IS DISTINCT FROM OLD.role OR NEW.disabled IS DISTINCT FROM OLD.disabled
       OR NEW.department_id IS DISTINCT FROM OLD.department_id OR NEW.resident_id IS DISTINCT FROM OLD.resident_id
       OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
       OR NEW.login IS DISTINCT FROM OLD.login OR NEW.version IS DISTINCT FROM OLD.version THEN
      NEW.version := OLD.version + 1;
      PERFORM pg_notify('sg_user_changed', ${updated});
    END IF;
    RETURN NEW;
  END $$`;
