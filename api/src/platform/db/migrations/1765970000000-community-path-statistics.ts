import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables a grid leader's lists read by path (each row carries its small grid's path). */
const TABLES = ['resident', 'household', 'building', '"case"'];

/**
 * A leader's page of residents, households, buildings or cases on a district: the planner
 * cannot estimate `grid_path <@ ANY(…)` (ltree gives it a fixed guess), so for a community of
 * 5.9k among 1.4 million residents it walked the primary key in order and filtered out 14k
 * rows to find 50 (18 ms), where the path's GiST index and a sort of the community's rows
 * takes 2 ms. `sg_community_path` (the first two labels: street and community) carries extended
 * statistics, so the planner knows a community's share of each table; the scope adds the implied
 * `sg_community_path(grid_path) = ANY(…)` to a leader's predicate (no result changes: a row under
 * a path has that path's community). With that selectivity the planner reads the community by
 * the path index and sorts it (it now underestimates the rows, multiplying the selectivities as
 * if independent, which favours the same plan). `district-plans.test.ts` checks the plan.
 */
export class CommunityPathStatistics1765970000000 implements MigrationInterface {
  name = 'CommunityPathStatistics1765970000000';

  async up(q: QueryRunner): Promise<void> {
    // ltree's functions named with their schema: ANALYZE evaluates the expression with only pg_catalog on the
    // search_path (PostgreSQL 17, the embedded database). No SET clause, so the planner inlines it (a SET makes
    // every call save and restore the setting: 10 ms over a community's 5.9k residents).
    const [{ schema }] = await q.query(
      `SELECT quote_ident(extnamespace::regnamespace::text) AS schema FROM pg_extension WHERE extname = 'ltree'`,
    );
    await q.query(`
      CREATE FUNCTION sg_community_path(p ${schema}.ltree) RETURNS ${schema}.ltree LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN ${schema}.nlevel(p) >= 2 THEN ${schema}.subpath(p, 0, 2) END $$`);
    for (const table of TABLES) {
      const name = `${table.replace(/"/g, '')}_community_path_stats`;
      await q.query(`CREATE STATISTICS ${name} ON (sg_community_path(grid_path)) FROM ${table}`);
    }
    await q.query(`ANALYZE ${TABLES.join(', ')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`DROP STATISTICS ${table.replace(/"/g, '')}_community_path_stats`);
    await q.query(`DROP FUNCTION sg_community_path(ltree)`);
  }
}
