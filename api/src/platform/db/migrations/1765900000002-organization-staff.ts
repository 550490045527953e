import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations as dispatch targets: a case may be dispatched to an organisation of the registry
 * (a compound's property company, `case.organization_id`), and an organisation's people sign in as
 * ORGANIZATION_STAFF (`app_user.organization_id`). Their requests run as `sg_department` — the role of
 * those who work cases from outside the street's grids — with `sg.organization_id` set (read by
 * `sg_organization()`): they see and work only the cases dispatched to their organisation.
 */
export class OrganizationStaff1765900000002 implements MigrationInterface {
  name = 'OrganizationStaff1765900000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
      CHECK (role IN ('STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT', 'DEPARTMENT_STAFF', 'ORGANIZATION_STAFF'))`);
    await q.query(`ALTER TABLE app_user ADD COLUMN organization_id uuid REFERENCES organization (id)`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_organization_check
      CHECK ((role = 'ORGANIZATION_STAFF') = (organization_id IS NOT NULL))`);
    await q.query(`
      CREATE FUNCTION sg_organization() RETURNS uuid LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('sg.organization_id', true), '')::uuid $$`);
    await q.query(`ALTER TABLE "case" ADD COLUMN organization_id uuid REFERENCES organization (id)`);
    await q.query(`CREATE INDEX case_organization_seq ON "case" (organization_id, seq) WHERE organization_id IS NOT NULL`);
    // An account's organisation is part of who it is: a change drops the cached caller (as for its department).
    await q.query(`
      CREATE OR REPLACE FUNCTION sg_user_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('sg_user_changed', OLD.id::text);
          RETURN OLD;
        END IF;
        IF NEW.role IS DISTINCT FROM OLD.role OR NEW.disabled IS DISTINCT FROM OLD.disabled
           OR NEW.department_id IS DISTINCT FROM OLD.department_id OR NEW.resident_id IS DISTINCT FROM OLD.resident_id
           OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
           OR NEW.login IS DISTINCT FROM OLD.login OR NEW.version IS DISTINCT FROM OLD.version THEN
          NEW.version := OLD.version + 1;
          PERFORM pg_notify('sg_user_changed', NEW.id::text);
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_organization_seq`);
    await q.query(`ALTER TABLE "case" DROP COLUMN organization_id`);
    await q.query(`DROP FUNCTION sg_organization()`);
    await q.query(`DELETE FROM app_user WHERE role = 'ORGANIZATION_STAFF'`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_organization_check`);
    await q.query(`ALTER TABLE app_user DROP COLUMN organization_id`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
      CHECK (role IN ('STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT', 'DEPARTMENT_STAFF'))`);
  }
}
