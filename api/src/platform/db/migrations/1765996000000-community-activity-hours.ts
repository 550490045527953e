import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 惠民活动 attendance gives service hours (服务时长): a service record may stand for a community
 * activity attended. One record per activity and registration, so recording attendance again
 * replaces it rather than adding to it; deleting the activity deletes its records.
 */
export class CommunityActivityHours1765996000000 implements MigrationInterface {
  name = 'CommunityActivityHours1765996000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_record ADD COLUMN community_activity_id uuid REFERENCES community_activity(id) ON DELETE CASCADE`);
    await q.query(
      `CREATE UNIQUE INDEX service_record_community_activity_idx ON service_record (community_activity_id, registration_id)
        WHERE community_activity_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_record DROP COLUMN community_activity_id`);
  }
}
