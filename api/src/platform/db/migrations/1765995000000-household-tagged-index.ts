import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tagged households, covered: the visit schedule of every community (`serviceMap` without a
 * grid, the wall's first load) reads each household with a tag under a policy — its tags, path
 * and building. On 20 streets the tags' GIN index found the 44k of 551k households and the heap
 * was then read page by page (0.6–0.8 s of the 1.4 s statement); this partial index holds just
 * the tagged ones with what the schedule reads, so it is an index-only scan (20 ms). The
 * statement says `tags <> '{}'` so that the planner may use it.
 */
export class HouseholdTaggedIndex1765995000000 implements MigrationInterface {
  name = 'HouseholdTaggedIndex1765995000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX household_tagged_idx ON household (id) INCLUDE (tags, grid_path, building_id) WHERE tags <> '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX household_tagged_idx`);
  }
}
