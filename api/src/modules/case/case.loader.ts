import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { applyScope, type Scope } from '../auth/scope';
import { byKey, groupByKey, uuids, withNone } from '../../graphql/batch';
import { Case, CaseCategory, type CaseEvent } from './case.entity';
import { EVENT_COLUMNS } from './case.events';

export function createCaseLoaders(ds: DataSource, scope: Scope) {
  const caseById = new DataLoader<string, Case | null>(async (ids) =>
    byKey(ids, await applyScope(ds.getRepository(Case).createQueryBuilder('c'), scope, 'Case', 'c').andWhere('c.id IN (:...ids)', { ids: withNone(uuids(ids)) }).getMany(), (c) => c.id),
  );
  const caseCategoryByCode = new DataLoader<string, CaseCategory | null>(async (codes) =>
    byKey(codes, await ds.getRepository(CaseCategory).findBy({ code: In([...codes]) }), (c) => c.code),
  );
  /** 时间线 — each case's events, oldest first, for many cases in one statement. */
  const caseTimeline = new DataLoader<string, CaseEvent[]>(async (ids) => {
    // Only the timelines of cases the viewer can see.
    const visible = (await caseById.loadMany(ids)).filter((c): c is Case => c instanceof Case).map((c) => c.id);
    const rows: CaseEvent[] = visible.length ? await ds.query(`SELECT ${EVENT_COLUMNS} FROM case_event WHERE case_id = ANY($1::uuid[]) ORDER BY case_event.id`, [visible]) : [];
    return groupByKey(ids, rows, (e) => e.caseId);
  });
  return { caseById, caseCategoryByCode, caseTimeline };
}
