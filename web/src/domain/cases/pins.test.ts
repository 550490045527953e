import { applyEvent, buildPinCollection, mergeCases, NEW_PIN_MS, openCaseList, openCasesOf, type PinStore } from './pins';
import type { CaseEvent, CaseSummary } from './types';

function aCase(over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 'c1',
    number: '20261125-0001',
    status: 'REPORTED',
    category: 'ENVIRONMENT',
    description: '楼道堆物',
    address: null,
    priority: 'NORMAL',
    overdue: false,
    reportedAt: '2026-11-25T01:00:00.000Z',
    dueAt: null,
    gridId: 'g1',
    version: 1,
    location: { type: 'Point', coordinates: [120.1, 30.25] },
    ...over,
  };
}

function event(summary: CaseSummary, type = 'REPORTED'): CaseEvent {
  return {
    id: `e${summary.version}`,
    type,
    at: summary.reportedAt,
    actorName: 'x',
    toStatus: summary.status,
    caseId: summary.id,
    version: summary.version,
    case: summary,
  };
}

describe('case pins', () => {
  const empty: PinStore = new Map();

  it('keeps the newest version of each case, whatever the order', () => {
    const store = mergeCases(mergeCases(empty, [aCase({ version: 3, status: 'FILED' })]), [aCase({ version: 2, status: 'REPORTED' })]);
    expect(store.get('c1')?.summary.status).toBe('FILED');
    expect(mergeCases(store, [aCase({ version: 3 })])).toBe(store);
  });

  it('builds one Point per case with status, overdue (open only) and open flags', () => {
    const store = mergeCases(empty, [aCase({ overdue: true }), aCase({ id: 'c2', status: 'CLOSED', overdue: true })]);
    const fc = buildPinCollection(store, 0);
    expect(fc.features.map((f) => [f.properties.id, f.properties.status, f.properties.overdue, f.properties.open])).toEqual([
      ['c1', 'REPORTED', true, true],
      ['c2', 'CLOSED', false, false],
    ]);
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [120.1, 30.25] });
  });

  it('marks a case first seen in a live REPORTED event as fresh for a minute', () => {
    const store = applyEvent(empty, event(aCase()), 1000);
    expect(buildPinCollection(store, 1000 + NEW_PIN_MS - 1).features[0].properties.fresh).toBe(true);
    expect(buildPinCollection(store, 1000 + NEW_PIN_MS).features[0].properties.fresh).toBe(false);
    const later = applyEvent(store, event(aCase({ version: 2, status: 'FILED' }), 'FILED'), 5000);
    expect(later.get('c1')?.arrivedAt).toBe(1000);
    expect(buildPinCollection(mergeCases(empty, [aCase()]), 0).features[0].properties.fresh).toBe(false);
  });

  it('collects every open-status page and lists open cases overdue first, then oldest', () => {
    const result = {
      s_REPORTED: {
        totalCount: 1,
        nodes: [aCase({ id: 'a', reportedAt: '2026-11-25T03:00:00Z' })],
        pageInfo: { hasNextPage: false, endCursor: null },
      },
      s_FILED: {
        totalCount: 1,
        nodes: [aCase({ id: 'b', status: 'FILED', reportedAt: '2026-11-25T02:00:00Z' })],
        pageInfo: { hasNextPage: false, endCursor: null },
      },
      s_IN_PROGRESS: {
        totalCount: 1,
        nodes: [aCase({ id: 'c', status: 'IN_PROGRESS', overdue: true, reportedAt: '2026-11-25T04:00:00Z' })],
        pageInfo: { hasNextPage: false, endCursor: null },
      },
      o_REPORTED: { totalCount: 0 },
    };
    const store = mergeCases(mergeCases(empty, openCasesOf(result)), [aCase({ id: 'd', status: 'CLOSED' })]);
    expect(openCaseList(store).map((c) => c.id)).toEqual(['c', 'b', 'a']);
    expect(openCasesOf(undefined)).toEqual([]);
  });
});
