import type { Db } from '../../platform/db/session';
import { badInput, conflict } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { intIn, optionalText, text, uuid } from '../../platform/graphql/validate';
import { requireCan } from '../../platform/identity/policy';
import type { Scope } from '../../platform/identity/scope';
import { authorName } from './notice.service';
import { PUBLICITY_CONSTRAINT_FIELDS, writableGrid } from './publicity.rules';
import type { CovenantVersion } from './publicity.type';

const COLUMNS = `id, community_id AS "communityId", version, title, body, note, author_name AS "authorName", created_at AS "createdAt"`;

/**
 * 居民公约 — a community's residents' covenant. Every edit is a new version (history kept);
 * the highest is current and is what the posts board shows. Written by street admins and the
 * community's own leaders; read by the community's leaders and residents (row-level security).
 */
export class CovenantService {
  constructor(private readonly db: Db) {}

  /** The current version (null: none yet). */
  async current(scope: Scope, communityId: string): Promise<CovenantVersion | null> {
    scope.requireSignedIn();
    uuid(communityId, 'communityId');
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM covenant_version WHERE community_id = $1 ORDER BY version DESC LIMIT 1`, [
      communityId,
    ]);
    return row ?? null;
  }

  /** Every version, newest first. */
  history(scope: Scope, communityId: string): Promise<CovenantVersion[]> {
    scope.requireSignedIn();
    uuid(communityId, 'communityId');
    return this.db.query(`SELECT ${COLUMNS} FROM covenant_version WHERE community_id = $1 ORDER BY version DESC LIMIT 100`, [communityId]);
  }

  /**
   * A new version on top of `baseVersion` (the one the editor read; 0 for the first). Another
   * edit saved since answers CONFLICT: two editors never overwrite each other silently.
   */
  async revise(
    scope: Scope,
    communityId: string,
    baseVersion: number,
    title: string,
    body: string,
    note: string | null | undefined,
  ): Promise<CovenantVersion> {
    requireCan(scope.viewer, 'PUBLICITY');
    uuid(communityId, 'communityId');
    const base = intIn(baseVersion, 'baseVersion', 0, 1_000_000);
    const cleanTitle = text(title, 'title', 100);
    const cleanBody = text(body, 'body', 20000);
    const cleanNote = optionalText(note, 'note', 500);
    return inTransaction(this.db, PUBLICITY_CONSTRAINT_FIELDS, async (m) => {
      const grid = await writableGrid(m, scope, communityId, 'communityId', ['LARGE']);
      // Edits of one covenant queue on the community's lock, so the version check and the insert are one step.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('covenant:' || $1))`, [grid.id]);
      const [{ latest }] = await m.query(`SELECT coalesce(max(version), 0) AS latest FROM covenant_version WHERE community_id = $1`, [
        grid.id,
      ]);
      if (latest !== base) throw conflict('Covenant', grid.id, base, latest);
      const v = scope.viewer;
      const [row] = await m.query(
        `INSERT INTO covenant_version (community_id, grid_path, version, title, body, note, author_name)
         VALUES ($1, $2::ltree, $3, $4, $5, $6, coalesce((SELECT display_name FROM app_user WHERE id = $7), $8)) RETURNING ${COLUMNS}`,
        [grid.id, grid.path, base + 1, cleanTitle, cleanBody, cleanNote, v.kind === 'user' ? v.id : null, authorName(scope)],
      );
      if (!row) throw badInput('communityId', 'could not be written');
      return row;
    });
  }
}
