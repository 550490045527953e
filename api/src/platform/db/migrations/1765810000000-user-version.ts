import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `app_user.version`: bumped by the database whenever what a caller's viewer is made of
 * changes — the account's role, disabled state, department or linked resident; its grids
 * (`user_grid`); its resident's household, that household's building, that building's grid;
 * its service registrations (communities). Every bump also sends `NOTIFY sg_user_changed`
 * with the user id, so that each API process drops its cached caller (AuthService) whether
 * the change came from a GraphQL mutation, the CLI or plain SQL. The trigger functions are
 * SECURITY DEFINER: a caller's role may change `user_grid` without seeing `app_user`.
 */
export class UserVersion1765810000000 implements MigrationInterface {
  name = 'UserVersion1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE OR REPLACE FUNCTION sg_user_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('sg_user_changed', OLD.id::text);
          RETURN OLD;
        END IF;
        IF NEW.role IS DISTINCT FROM OLD.role OR NEW.disabled IS DISTINCT FROM OLD.disabled
           OR NEW.department_id IS DISTINCT FROM OLD.department_id OR NEW.resident_id IS DISTINCT FROM OLD.resident_id
           OR NEW.login IS DISTINCT FROM OLD.login OR NEW.version IS DISTINCT FROM OLD.version THEN
          NEW.version := OLD.version + 1;
          PERFORM pg_notify('sg_user_changed', NEW.id::text);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`DROP TRIGGER IF EXISTS app_user_version ON app_user`);
    await q.query(`CREATE TRIGGER app_user_version BEFORE UPDATE OR DELETE ON app_user FOR EACH ROW EXECUTE FUNCTION sg_user_bump()`);
    // Rows of other tables that a viewer is made of: bump (and so notify) the users concerned.
    await q.query(`
      CREATE OR REPLACE FUNCTION sg_user_touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        ids uuid[];
        rows jsonb[] := ARRAY[]::jsonb[];
        j jsonb;
      BEGIN
        IF TG_OP <> 'INSERT' THEN rows := rows || to_jsonb(OLD); END IF;
        IF TG_OP <> 'DELETE' THEN rows := rows || to_jsonb(NEW); END IF;
        FOREACH j IN ARRAY rows LOOP
          ids := ids || CASE TG_TABLE_NAME
            WHEN 'user_grid' THEN ARRAY[(j->>'user_id')::uuid]
            WHEN 'service_registration' THEN ARRAY[(j->>'user_id')::uuid]
            WHEN 'resident' THEN ARRAY(SELECT u.id FROM app_user u WHERE u.resident_id = (j->>'id')::uuid)
            WHEN 'household' THEN ARRAY(SELECT u.id FROM app_user u JOIN resident r ON r.id = u.resident_id
                                         WHERE r.household_id = (j->>'id')::uuid)
            WHEN 'building' THEN ARRAY(SELECT u.id FROM app_user u JOIN resident r ON r.id = u.resident_id
                                         JOIN household h ON h.id = r.household_id WHERE h.building_id = (j->>'id')::uuid)
          END;
        END LOOP;
        UPDATE app_user SET version = version + 1 WHERE id = ANY(ids);
        RETURN NULL;
      END $$`);
    const touches: [string, string][] = [
      ['user_grid', 'INSERT OR UPDATE OR DELETE'],
      ['service_registration', 'INSERT OR UPDATE OF user_id, community_id, active OR DELETE'],
      ['resident', 'UPDATE OF household_id OR DELETE'],
      ['household', 'UPDATE OF building_id'],
      ['building', 'UPDATE OF grid_id'],
    ];
    for (const [table, events] of touches) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_user_version ON ${table}`);
      await q.query(`CREATE TRIGGER ${table}_user_version AFTER ${events} ON ${table} FOR EACH ROW EXECUTE FUNCTION sg_user_touch()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['user_grid', 'service_registration', 'resident', 'household', 'building'])
      await q.query(`DROP TRIGGER IF EXISTS ${table}_user_version ON ${table}`);
    await q.query(`DROP TRIGGER IF EXISTS app_user_version ON app_user`);
    await q.query(`DROP FUNCTION IF EXISTS sg_user_touch()`);
    await q.query(`DROP FUNCTION IF EXISTS sg_user_bump()`);
    await q.query(`ALTER TABLE app_user DROP COLUMN IF EXISTS version`);
  }
}
