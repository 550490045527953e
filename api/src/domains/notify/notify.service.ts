import type { Db } from '../../platform/db/session';
import { decodeCursor, pageSize, toConnection, type ConnectionShape } from '../../platform/graphql/connection';
import { badInput, notFound } from '../../platform/graphql/errors';
import { inTransaction } from '../../platform/graphql/transaction';
import { intIn, UUID, uuid } from '../../platform/graphql/validate';
import { requireCan } from '../../platform/identity/policy';
import type { Viewer } from '../../platform/identity/viewer';
import { ALL_CHANNELS, ALL_KINDS, type Notification, type NotificationPreferences, type NotificationPreferencesInput } from './notify.type';

const COLUMNS = `id, kind, subject_type AS "subjectType", subject_id AS "subjectId", params, read_at AS "readAt",
  created_at AS "createdAt"`;

/** At most this many ids are marked at once. */
const MARK_MAX = 500;

/**
 * The signed-in person's inbox. Row-level security shows each account only its own rows;
 * the `user_id = …` predicates say so again for the index.
 */
export class NotifyService {
  constructor(private readonly db: Db) {}

  private userOf(viewer: Viewer): string {
    requireCan(viewer, 'OWN_NOTIFICATIONS');
    return (viewer as Extract<Viewer, { kind: 'user' }>).id;
  }

  async list(
    viewer: Viewer,
    args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
  ): Promise<ConnectionShape<Notification>> {
    const userId = this.userOf(viewer);
    const limit = pageSize(args.first, 20);
    // Newest first, keyed on (created_at, id): one step's notices share their transaction's time.
    const after = decodeCursor(args.after);
    const [at, id] = after?.split('|') ?? [];
    if (after !== undefined && (!UUID.test(id ?? '') || Number.isNaN(Date.parse(at))))
      throw badInput('after', 'is not a cursor from this API');
    const unread = args.unreadOnly ? 'AND read_at IS NULL' : '';
    const rows: (Notification & { key: string })[] = await this.db.query(
      `SELECT ${COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|' || id AS key
         FROM notification
        WHERE user_id = $1 ${unread} AND ($2::timestamp IS NULL OR (created_at, id) < ($2::timestamp AT TIME ZONE 'UTC', $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [userId, at ?? null, id ?? null, limit + 1],
    );
    const count = async () => {
      const [{ n }]: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1 ${unread}`, [
        userId,
      ]);
      return n;
    };
    return toConnection(rows, limit, count, (r) => r.key);
  }

  async unreadCount(viewer: Viewer): Promise<number> {
    const userId = this.userOf(viewer);
    const [{ n }]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return n;
  }

  /**
   * Marks the given notifications (or, with `all`, every one) read; answers how many were
   * unread. An id that is not the caller's is answered like a missing one (NOT_FOUND), and
   * nothing is marked.
   */
  async markRead(viewer: Viewer, ids: readonly string[] | null | undefined, all: boolean | null | undefined): Promise<number> {
    const userId = this.userOf(viewer);
    if (!all && !ids?.length) throw badInput('ids', 'name at least one notification, or set all');
    if (all && ids?.length) throw badInput('ids', 'give either ids or all, not both');
    if (ids && ids.length > MARK_MAX) throw badInput('ids', `at most ${MARK_MAX} at once`);
    const wanted = all ? null : [...new Set(ids!.map((id) => uuid(id, 'ids')))];
    return inTransaction(this.db, {}, async (m) => {
      if (wanted) {
        const found: { id: string }[] = await m.query(`SELECT id FROM notification WHERE user_id = $1 AND id = ANY($2::uuid[])`, [
          userId,
          wanted,
        ]);
        const missing = wanted.find((id) => !found.some((f) => f.id === id));
        if (missing) throw notFound('Notification', missing);
      }
      const [{ n }]: { n: number }[] = await m.query(
        `WITH marked AS (
           UPDATE notification SET read_at = now()
            WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING id)
         SELECT count(*)::int AS n FROM marked`,
        [userId, wanted],
      );
      return n;
    });
  }

  async preferences(viewer: Viewer): Promise<NotificationPreferences> {
    const userId = this.userOf(viewer);
    const [row]: NotificationPreferences[] = await this.db.query(
      `SELECT kinds, channels, quiet_start AS "quietStart", quiet_end AS "quietEnd" FROM notification_preference WHERE user_id = $1`,
      [userId],
    );
    return row ?? { kinds: [...ALL_KINDS], channels: [...ALL_CHANNELS], quietStart: null, quietEnd: null };
  }

  async setPreferences(viewer: Viewer, input: NotificationPreferencesInput): Promise<NotificationPreferences> {
    const userId = this.userOf(viewer);
    if (input.kinds.some((k) => !ALL_KINDS.includes(k))) throw badInput('kinds', 'names an unknown kind');
    if (input.channels.some((c) => !ALL_CHANNELS.includes(c))) throw badInput('channels', 'names an unknown channel');
    const quietStart = input.quietStart == null ? null : intIn(input.quietStart, 'quietStart', 0, 1439);
    const quietEnd = input.quietEnd == null ? null : intIn(input.quietEnd, 'quietEnd', 0, 1439);
    if ((quietStart == null) !== (quietEnd == null))
      throw badInput(quietStart == null ? 'quietStart' : 'quietEnd', 'quiet hours need both a start and an end');
    await inTransaction(this.db, {}, (m) =>
      m.query(
        `INSERT INTO notification_preference (user_id, kinds, channels, quiet_start, quiet_end) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET kinds = $2, channels = $3, quiet_start = $4, quiet_end = $5, updated_at = now()`,
        [userId, [...new Set(input.kinds)], [...new Set(input.channels)], quietStart, quietEnd],
      ),
    );
    return this.preferences(viewer);
  }
}
