import type { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTable } from '../rls';

/**
 * 邀请注册: a code a grid leader (or a street admin) gives a resident, with which they make
 * their own account (RESIDENT or VOLUNTEER, tied to them) and a password of their choosing.
 * Only the code's sha256 is kept; a code is single use (`used_at`) and expires (`expires_at`).
 * `grid_path` is the resident's small grid, for row-level security.
 */
export class Invitations1765750000000 implements MigrationInterface {
  name = 'Invitations1765750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code_hash text NOT NULL UNIQUE,
        resident_id uuid NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
        grid_path ltree NOT NULL,
        role text NOT NULL CHECK (role IN ('RESIDENT', 'VOLUNTEER')),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by uuid
      )`);
    await q.query(`CREATE INDEX invitation_resident_idx ON invitation (resident_id)`);
    await q.query(`CREATE INDEX invitation_grid_path_idx ON invitation USING gist (grid_path)`);
    await secureTable(q, 'invitation');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitation`);
  }
}
