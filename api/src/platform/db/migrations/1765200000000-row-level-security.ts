import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable, VIEWER_ROLES } from '../rls';

/** The tables this migration secures (those that existed then; later migrations secure their own). */
const TABLES = [
  'street',
  'grid',
  'building',
  'household',
  'resident',
  'party_organization',
  'grid_leader',
  'case',
  'case_event',
  'service_registration',
  'service_availability',
  'service_need',
  'service_match',
  'service_record',
  'service_evaluation',
  'service_event',
  'micro_wish',
  'wish_claim',
  'household_visit',
  'volunteer_team',
  'team_member',
  'team_activity',
  'activity_signup',
  'app_user',
  'user_grid',
  'api_key',
  'personal_data_access',
  'refresh_token',
  'login_failure',
];

/**
 * Row-level security: who sees which row is decided by PostgreSQL, not by each query.
 *
 * A request runs its statements as one of the viewer roles (sg_street, sg_leader,
 * sg_member, sg_department, sg_anonymous — see `modules/auth/db-identity.ts`), switched to
 * with `SET LOCAL ROLE` in every transaction, beside `sg.*` settings (the caller's grid
 * paths, household, communities, department scopes). None of these roles owns anything or
 * can log in; they inherit table privileges from `sg_viewer`. Every table whose rows
 * depend on the caller has ENABLE + FORCE ROW LEVEL SECURITY and one policy per viewer
 * role (made from `rls.ts` by `syncPolicies` after the migrations, at every start);
 * reference tables (categories, skills, visit policies, tile versions) are readable by
 * every viewer. Migrations, seeding, sign-in and the sweeps run
 * as the connection's own user, the owner, whose own policy on every table is `true` (a
 * superuser bypasses RLS anyway). The owner is a member of the viewer roles only to switch
 * to them, and is made NOINHERIT so that their policies never apply to it.
 */
export class RowLevelSecurity1765200000000 implements MigrationInterface {
  name = 'RowLevelSecurity1765200000000';

  async up(q: QueryRunner): Promise<void> {
    // Roles are global to the server: several databases (tests, streets) share them.
    for (const role of ['sg_viewer', ...VIEWER_ROLES]) {
      await onceOnServer(
        q,
        `NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}')`,
        `CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS INHERIT`,
      );
    }
    for (const role of VIEWER_ROLES) {
      await onceOnServer(q, `NOT pg_has_role('${role}', 'sg_viewer', 'MEMBER')`, `GRANT sg_viewer TO ${role}`);
      // The owner switches to them per transaction (SET ROLE needs membership).
      await onceOnServer(q, `NOT pg_has_role(current_user, '${role}', 'MEMBER')`, `GRANT ${role} TO current_user`);
    }
    // A member role with INHERIT would also fall under every viewer role's policies (policies
    // apply to members): the owner only switches to them. A superuser bypasses RLS anyway.
    await q.query(`DO $$ BEGIN
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('ALTER ROLE %I NOINHERIT', current_user);
      END IF;
    END $$`);

    await q.query(`
      CREATE FUNCTION sg_user() RETURNS uuid LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('sg.user_id', true), '')::uuid $$;
      CREATE FUNCTION sg_role() RETURNS text LANGUAGE sql STABLE
        AS $$ SELECT coalesce(nullif(current_setting('sg.role', true), ''), 'NONE') $$;
      CREATE FUNCTION sg_paths() RETURNS ltree[] LANGUAGE sql STABLE
        AS $$ SELECT coalesce(nullif(current_setting('sg.paths', true), ''), '{}')::ltree[] $$;
      CREATE FUNCTION sg_household() RETURNS uuid LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('sg.household_id', true), '')::uuid $$;
      CREATE FUNCTION sg_building() RETURNS uuid LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('sg.building_id', true), '')::uuid $$;
      CREATE FUNCTION sg_home() RETURNS ltree LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('sg.home_path', true), '')::ltree $$;
      CREATE FUNCTION sg_communities() RETURNS uuid[] LANGUAGE sql STABLE
        AS $$ SELECT coalesce(nullif(current_setting('sg.communities', true), ''), '{}')::uuid[] $$;
      CREATE FUNCTION sg_scopes() RETURNS text[] LANGUAGE sql STABLE
        AS $$ SELECT coalesce(nullif(current_setting('sg.scopes', true), ''), '{}')::text[] $$;
    `);

    // Who wrote a service event: policies let a leader or member read back their own.
    await q.query(`ALTER TABLE service_event ADD COLUMN actor_user_id uuid DEFAULT sg_user()`);
    // Tile versions are bumped by triggers whoever writes: the trigger runs as the owner.
    await q.query(`ALTER FUNCTION bump_tile_version() SECURITY DEFINER SET search_path = public`);

    await q.query(`GRANT USAGE ON SCHEMA public TO sg_viewer`);
    await q.query(`GRANT SELECT ON case_category, service_skill, visit_policy, tile_version TO sg_viewer`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sg_viewer`);
    for (const table of TABLES) await secureTable(q, table);
    // The policies themselves are made from db/rls.ts after the migrations (syncPolicies); this remembers which.
    await q.query(`CREATE TABLE rls_state (id int PRIMARY KEY CHECK (id = 1), hash text NOT NULL, at timestamptz NOT NULL DEFAULT now())`);

    // Public projections, whoever asks (anonymous included): the communities by name, and
    // the echo wall (回音壁) of a community — what was done, without names or addresses.
    await q.query(`CREATE VIEW public_community AS SELECT id, street_id, code, name, path FROM grid WHERE level = 'LARGE'`);
    await q.query(`
      CREATE FUNCTION echo_wall_items(community ltree, lim int)
        RETURNS TABLE (kind text, id uuid, title text, outcome text, thanks text, compound text, "doneAt" timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT * FROM (
          SELECT 'WISH', w.id, w.title, w.fulfil_note, w.thanks, mg.name, coalesce(w.thanked_at, w.fulfilled_at)
            FROM micro_wish w JOIN grid mg ON mg.path @> w.grid_path AND mg.level = 'MEDIUM'
           WHERE w.grid_path <@ community AND w.status IN ('FULFILLED', 'THANKED')
          UNION ALL
          SELECT 'CASE', c.id, cc.name_zh, c.feedback, c.rating_comment, mg.name, c.closed_at
            FROM "case" c JOIN case_category cc ON cc.code = c.category JOIN grid mg ON mg.path @> c.grid_path AND mg.level = 'MEDIUM'
           WHERE c.grid_path <@ community AND c.status IN ('CLOSED', 'RATED') AND c.closed_at IS NOT NULL
        ) e ORDER BY 7 DESC, 2 LIMIT lim $$`);
    await q.query(`GRANT SELECT ON public_community TO sg_viewer`);

    // Aggregates that are public whoever asks: sign-ups per activity (not who signed up).
    await q.query(`
      CREATE FUNCTION activity_signup_counts(ids uuid[]) RETURNS TABLE (activity_id uuid, n int)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT s.activity_id, count(*)::int FROM activity_signup s WHERE s.activity_id = ANY(ids) GROUP BY s.activity_id $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION activity_signup_counts(uuid[])`);
    await q.query(`DROP FUNCTION echo_wall_items(ltree, int)`);
    await q.query(`DROP VIEW public_community`);
    await q.query(`DROP TABLE rls_state`);
    for (const table of TABLES) {
      const policies: { policyname: string }[] = await q.query(
        `SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = $1`,
        [table],
      );
      for (const p of policies) await q.query(`DROP POLICY "${p.policyname}" ON "${table}"`);
      await q.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM sg_viewer`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM sg_viewer`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM sg_viewer`);
    await q.query(`ALTER FUNCTION bump_tile_version() SECURITY INVOKER`);
    await q.query(`ALTER TABLE service_event DROP COLUMN actor_user_id`);
    await q.query(
      `DROP FUNCTION sg_user(), sg_role(), sg_paths(), sg_household(), sg_building(), sg_home(), sg_communities(), sg_scopes()`,
    );
  }
}

/**
 * Role setup is global to the server, and several databases migrate at once (test files,
 * replicas): `sql` runs when `missing` holds, and a concurrent twin that got there first
 * (a duplicate, or PostgreSQL's "tuple concurrently updated" on the role catalog) is fine.
 */
async function onceOnServer(q: QueryRunner, missing: string, sql: string): Promise<void> {
  await q.query(`DO $$ BEGIN
    IF ${missing} THEN ${sql}; END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    WHEN internal_error THEN IF SQLERRM <> 'tuple concurrently updated' THEN RAISE; END IF;
  END $$`);
}
