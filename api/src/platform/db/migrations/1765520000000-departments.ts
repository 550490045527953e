import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 职能部门名录 — the departments a case can be dispatched or escalated to: code, name and the
 * case categories each handles. A reference table every signed-in caller reads. The street's
 * usual departments are registered here; every other free-text `case.department` value already
 * written joins the registry (code `D` + a number, no categories) and each case points at its
 * department by `department_id` (the `department` text stays, the name as it was then).
 */
export class Departments1765520000000 implements MigrationInterface {
  name = 'Departments1765520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE department (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL UNIQUE,
        categories text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`
      INSERT INTO department (code, name, categories) VALUES
        ('CGZD', '城管中队', '{ILLEGAL_CONSTRUCTION,ENVIRONMENT}'),
        ('SRHW', '市容环卫所', '{ENVIRONMENT}'),
        ('WYGS', '物业公司', '{PROPERTY,PUBLIC_FACILITY}'),
        ('SFS', '司法所', '{DISPUTE}'),
        ('MZK', '民政科', '{LIVELIHOOD}'),
        ('ZJB', '住建办', '{PUBLIC_FACILITY,ILLEGAL_CONSTRUCTION}'),
        ('XFZ', '消防站', '{SAFETY_HAZARD}')`);
    await q.query(`
      INSERT INTO department (code, name)
      SELECT 'D' || lpad(row_number() OVER (ORDER BY name)::text, 3, '0'), name
        FROM (SELECT DISTINCT btrim(department) AS name FROM "case" WHERE department IS NOT NULL AND btrim(department) <> '') d
       WHERE NOT EXISTS (SELECT 1 FROM department x WHERE x.name = d.name)`);
    await q.query(`ALTER TABLE "case" ADD COLUMN department_id uuid REFERENCES department (id)`);
    await q.query(`UPDATE "case" c SET department_id = d.id FROM department d WHERE d.name = btrim(c.department)`);
    await q.query(`GRANT SELECT ON department TO sg_viewer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case" DROP COLUMN department_id`);
    await q.query(`DROP TABLE department`);
  }
}
