import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `GET /photos/:hash` asks which visible case references a photo: `photos @> ARRAY[hash]` through a GIN index. */
export class CasePhotosIndex1764800000000 implements MigrationInterface {
  name = 'CasePhotosIndex1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX case_photos_idx ON "case" USING gin (photos)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_photos_idx`);
  }
}
