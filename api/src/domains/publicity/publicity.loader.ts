import DataLoader from 'dataloader';
import { elevated, type Db } from '../../platform/db/session';
import { groupByKey, uuids, withNone } from '../../platform/graphql/batch';
import type { Scope } from '../../platform/identity/scope';
import { PARTICIPANT_COLUMNS } from './activity.service';
import type { ActivityParticipant, NoticeReader } from './publicity.type';

export function createPublicityLoaders(db: Db, scope: Scope) {
  const me = scope.viewer.kind === 'user' ? scope.viewer.id : null;
  /**
   * The grid leaders each notice is for (accounts leading a grid in its subtree) with their
   * receipts. Read as the system: a compound's leader may not read other leaders' accounts, yet
   * manages the notice (the resolver asks only for notices the caller may manage).
   */
  const noticeReaders = new DataLoader<string, (NoticeReader & { noticeId: string })[]>(async (ids) => {
    const rows: (NoticeReader & { noticeId: string })[] = await elevated(db, () =>
      db.query(
        `SELECT n.id AS "noticeId", u.id AS "userId", u.display_name AS name,
                (array_agg(g.name ORDER BY nlevel(g.path) DESC))[1] AS "gridName", r.read_at AS "readAt"
           FROM notice n
           JOIN grid g ON g.path <@ n.grid_path
           JOIN user_grid ug ON ug.grid_id = g.id
           JOIN app_user u ON u.id = ug.user_id AND u.role = 'GRID_LEADER' AND NOT u.disabled
           LEFT JOIN notice_receipt r ON r.notice_id = n.id AND r.user_id = u.id
          WHERE n.id = ANY($1::uuid[])
          GROUP BY n.id, u.id, u.display_name, r.read_at
          ORDER BY r.read_at NULLS LAST, u.display_name`,
        [withNone(uuids(ids))],
      ),
    );
    return groupByKey(ids, rows, (r) => r.noticeId);
  });
  const noticeReadByMe = new DataLoader<string, boolean>(async (ids) => {
    if (!me) return ids.map(() => false);
    const rows: { id: string }[] = await db.query(
      `SELECT notice_id AS id FROM notice_receipt WHERE user_id = $1 AND notice_id = ANY($2::uuid[])`,
      [me, withNone(uuids(ids))],
    );
    const read = new Set(rows.map((r) => r.id));
    return ids.map((id) => read.has(id));
  });
  /** Places taken per activity (public counts, whoever asks). */
  const activityTaken = new DataLoader<string, number>(async (ids) => {
    const rows: { activity_id: string; n: number }[] = await db.query(`SELECT activity_id, n FROM community_activity_counts($1::uuid[])`, [
      withNone(uuids(ids)),
    ]);
    const by = new Map(rows.map((r) => [r.activity_id, r.n]));
    return ids.map((id) => by.get(id) ?? 0);
  });
  /** The sign-ups the caller sees (a manager all of the activity's; a resident their own). */
  const activityParticipants = new DataLoader<string, ActivityParticipant[]>(async (ids) => {
    const rows: ActivityParticipant[] = await db.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM community_activity_signup WHERE activity_id = ANY($1::uuid[]) ORDER BY signed_up_at, name`,
      [withNone(uuids(ids))],
    );
    return groupByKey(ids, rows, (r) => r.activityId);
  });
  return { noticeReaders, noticeReadByMe, activityTaken, activityParticipants };
}

type PublicityLoaders = ReturnType<typeof createPublicityLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends PublicityLoaders {}
}
