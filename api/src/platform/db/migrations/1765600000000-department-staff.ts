import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 职能部门工作人员 — a person's account tied to one department of the registry (role
 * DEPARTMENT_STAFF, `app_user.department_id`): they work the cases dispatched or escalated
 * to it (`case.department_id`). Their requests run as `sg_department`, as the departments'
 * API keys do, with `sg.department_id` set (read by `sg_department()` in the policies).
 */
export class DepartmentStaff1765600000000 implements MigrationInterface {
  name = 'DepartmentStaff1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
      CHECK (role IN ('STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT', 'DEPARTMENT_STAFF'))`);
    await q.query(`ALTER TABLE app_user ADD COLUMN department_id uuid REFERENCES department (id)`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_department_check
      CHECK ((role = 'DEPARTMENT_STAFF') = (department_id IS NOT NULL))`);
    await q.query(`
      CREATE FUNCTION sg_department() RETURNS uuid LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('sg.department_id', true), '')::uuid $$`);
    // A department's inbox: its cases, newest first.
    await q.query(`CREATE INDEX case_department_seq ON "case" (department_id, seq) WHERE department_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_department_seq`);
    await q.query(`DROP FUNCTION sg_department()`);
    await q.query(`DELETE FROM app_user WHERE role = 'DEPARTMENT_STAFF'`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_department_check`);
    await q.query(`ALTER TABLE app_user DROP COLUMN department_id`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
      CHECK (role IN ('STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT'))`);
  }
}
