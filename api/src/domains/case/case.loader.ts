import type { Db } from '../../platform/db/session';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { applyScope, type Scope } from '../../platform/identity/scope';
import { byKey, groupByKey, uuids, withNone } from '../../platform/graphql/batch';
import { Case, CaseCategory, type CaseEvent } from './case.entity';
import { EVENT_COLUMNS } from './case.events';

export function createCaseLoaders(ds: Db, scope: Scope) {
  const caseById = new DataLoader<string, Case | null>(async (ids) =>
    byKey(
      ids,
      await applyScope(ds.getRepository(Case).createQueryBuilder('c'), scope, 'Case', 'c')
        .andWhere('c.id IN (:...ids)', { ids: withNone(uuids(ids)) })
        .getMany(),
      (c) => c.id,
    ),
  );
  const caseCategoryByCode = new DataLoader<string, CaseCategory | null>(async (codes) =>
    byKey(codes, await ds.getRepository(CaseCategory).findBy({ code: In([...codes]) }), (c) => c.code),
  );
  /** 时间线 — each case's events, oldest first, for many cases in one statement. */
  const caseTimeline = new DataLoader<string, CaseEvent[]>(async (ids) => {
    // Only the timelines of cases the viewer can see: the scope in the same statement (an
    // await on another loader here would split later loads into a second batch).
    const visible = scope.whereRaw('Case', 'c', 2);
    const rows: CaseEvent[] = await ds.query(
      `SELECT ${EVENT_COLUMNS} FROM case_event
        WHERE case_id IN (SELECT c.id FROM "case" c WHERE c.id = ANY($1::uuid[]) AND ${visible.sql})
        ORDER BY case_event.id`,
      [uuids(ids), ...visible.params],
    );
    return groupByKey(ids, rows, (e) => e.caseId);
  });
  return { caseById, caseCategoryByCode, caseTimeline };
}

type CaseLoaders = ReturnType<typeof createCaseLoaders>;
declare module '../../platform/graphql/context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the request's loaders gain this domain's
  interface Loaders extends CaseLoaders {}
}
