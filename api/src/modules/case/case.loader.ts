import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { byKey, groupByKey, uuids } from '../../graphql/batch';
import { Case, CaseCategory, type CaseEvent } from './case.entity';
import { EVENT_COLUMNS } from './case.events';

export function createCaseLoaders(ds: DataSource) {
  const caseById = new DataLoader<string, Case | null>(async (ids) => byKey(ids, await ds.getRepository(Case).findBy({ id: In(uuids(ids)) }), (c) => c.id));
  const caseCategoryByCode = new DataLoader<string, CaseCategory | null>(async (codes) =>
    byKey(codes, await ds.getRepository(CaseCategory).findBy({ code: In([...codes]) }), (c) => c.code),
  );
  /** 时间线 — each case's events, oldest first, for many cases in one statement. */
  const caseTimeline = new DataLoader<string, CaseEvent[]>(async (ids) => {
    const rows: CaseEvent[] = await ds.query(`SELECT ${EVENT_COLUMNS} FROM case_event WHERE case_id = ANY($1::uuid[]) ORDER BY case_event.id`, [ids]);
    return groupByKey(ids, rows, (e) => e.caseId);
  });
  return { caseById, caseCategoryByCode, caseTimeline };
}
