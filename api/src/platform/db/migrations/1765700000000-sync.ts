import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/** The tables a department's system syncs, with the tombstone kind (its API-key scope) of each. */
export const SYNCED_TABLES = {
  grid: 'Grid',
  building: 'Building',
  household: 'Household',
  resident: 'Resident',
  case: 'Case',
  party_organization: 'PartyOrganization',
} as const;

/**
 * Departments' systems pull changes (`changedSince` on the lists, `platform/graphql/sync.ts`):
 * - every synced table's `updated_at` is stamped by a trigger on every INSERT and UPDATE, whoever
 *   writes (the services, the import's raw SQL, the path triggers), with `clock_timestamp()` taken
 *   after the transaction has its id: `sync_horizon()` then knows every transaction that may still
 *   commit a stamp at or before the horizon it answers (see there). An INSERT that names another
 *   time than `now()` keeps it (bulk loads of history, e.g. the seed's 90 days of cases);
 * - an index on (updated_at, id) per table, the sync order;
 * - deletions become rows of `tombstone` (a statement trigger over the deleted rows), with what
 *   row-level security needs to decide who sees them: the grid path, and a case's department.
 */
export class Sync1765700000000 implements MigrationInterface {
  name = 'Sync1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE party_organization ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`UPDATE party_organization SET updated_at = created_at`);
    await q.query(`
      CREATE FUNCTION sync_touch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_current_xact_id(); -- the transaction has its id (sync_horizon sees it) before the stamp is read
        IF TG_OP = 'INSERT' AND NEW.updated_at IS DISTINCT FROM now() THEN RETURN NEW; END IF;
        NEW.updated_at := clock_timestamp();
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TABLE tombstone (
        kind text NOT NULL,
        entity_id uuid NOT NULL,
        deleted_at timestamptz NOT NULL,
        grid_path ltree,
        department_id uuid
      )`);
    await q.query(`CREATE INDEX tombstone_sync_idx ON tombstone (kind, deleted_at, entity_id)`);
    await q.query(`CREATE INDEX tombstone_path_idx ON tombstone USING gist (grid_path)`);
    await secureTable(q, 'tombstone');
    // As the owner: whoever deletes may not insert tombstones (no viewer role writes the table).
    await q.query(`
      CREATE FUNCTION sync_tombstone() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        at timestamptz;
      BEGIN
        PERFORM pg_current_xact_id();
        at := clock_timestamp();
        IF TG_TABLE_NAME = 'grid' THEN
          INSERT INTO tombstone (kind, entity_id, deleted_at, grid_path) SELECT 'Grid', id, at, path FROM gone;
        ELSIF TG_TABLE_NAME = 'case' THEN
          INSERT INTO tombstone (kind, entity_id, deleted_at, grid_path, department_id)
            SELECT 'Case', id, at, grid_path, department_id FROM gone;
        ELSIF TG_TABLE_NAME = 'party_organization' THEN
          INSERT INTO tombstone (kind, entity_id, deleted_at, grid_path)
            SELECT 'PartyOrganization', o.id, at,
                   coalesce((SELECT path FROM grid WHERE id = o.grid_id), (SELECT grid_path FROM household WHERE id = o.household_id))
              FROM gone o;
        ELSE
          INSERT INTO tombstone (kind, entity_id, deleted_at, grid_path) SELECT TG_ARGV[0], id, at, grid_path FROM gone;
        END IF;
        RETURN NULL;
      END $$`);
    for (const [table, kind] of Object.entries(SYNCED_TABLES)) {
      const t = `"${table}"`;
      await q.query(`CREATE INDEX ${table}_sync_idx ON ${t} (updated_at, id)`);
      await q.query(`CREATE TRIGGER ${table}_sync_touch BEFORE INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION sync_touch()`);
      await q.query(
        `CREATE TRIGGER ${table}_sync_tombstone AFTER DELETE ON ${t} REFERENCING OLD TABLE AS gone
         FOR EACH STATEMENT EXECUTE FUNCTION sync_tombstone('${kind}')`,
      );
    }
    /**
     * The newest time a sync may hand out as its cursor: `window` before the start of this
     * transaction, and no later than the start of any other transaction of this database that
     * has written (has an id) and not ended — its stamps are later than its start, and it may
     * commit after this read. A transaction that has no id yet stamps later than now. As the
     * owner: a viewer role does not see other sessions' transactions in pg_stat_activity.
     */
    await q.query(`
      CREATE FUNCTION sync_horizon(window_ms integer) RETURNS timestamptz
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
        SELECT least(now() - make_interval(secs => window_ms / 1000.0),
                     (SELECT min(xact_start) FROM pg_stat_activity
                       WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() AND datname = current_database()))
      $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION sync_horizon(integer) TO sg_viewer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION sync_horizon(integer)`);
    for (const table of Object.keys(SYNCED_TABLES)) {
      await q.query(`DROP TRIGGER ${table}_sync_tombstone ON "${table}"`);
      await q.query(`DROP TRIGGER ${table}_sync_touch ON "${table}"`);
      await q.query(`DROP INDEX ${table}_sync_idx`);
    }
    await q.query(`DROP FUNCTION sync_tombstone()`);
    await q.query(`DROP TABLE tombstone`);
    await q.query(`DROP FUNCTION sync_touch()`);
    await q.query(`ALTER TABLE party_organization DROP COLUMN updated_at`);
  }
}
