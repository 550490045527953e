import { filterFeed, filterPins, matchesKpi, sparklinesOf } from './kpiFilter';
import { buildPinCollection, mergeCases } from './pins';
import type { CaseEvent, CaseSummary } from './types';

const NOW = Date.parse('2026-12-06T02:00:00Z'); // 10:00 in Beijing
const base: CaseSummary = {
  id: 'a',
  number: '20261206-0001',
  status: 'FILED',
  category: 'ENVIRONMENT',
  description: '垃圾',
  address: null,
  priority: 'NORMAL',
  overdue: false,
  reportedAt: '2026-12-05T15:00:00Z', // 23:00 yesterday in Beijing
  dueAt: null,
  gridId: 'g',
  version: 1,
  location: { type: 'Point', coordinates: [120.1, 30.2] },
};
const overdue: CaseSummary = { ...base, id: 'b', overdue: true };
const today: CaseSummary = { ...base, id: 'c', reportedAt: '2026-12-05T16:30:00Z' }; // 00:30 today in Beijing
const closedLate: CaseSummary = { ...base, id: 'd', status: 'CLOSED', overdue: true };

describe('matchesKpi', () => {
  it('counts as the band does: open, reported since Beijing midnight, open and overdue', () => {
    expect([base, overdue, today, closedLate].filter((c) => matchesKpi(c, 'open', NOW)).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect([base, overdue, today, closedLate].filter((c) => matchesKpi(c, 'overdue', NOW)).map((c) => c.id)).toEqual(['b']);
    expect([base, overdue, today, closedLate].filter((c) => matchesKpi(c, 'newToday', NOW)).map((c) => c.id)).toEqual(['c']);
  });
});

describe('filterPins and filterFeed', () => {
  const store = mergeCases(new Map(), [base, overdue, today]);
  const pins = buildPinCollection(store, NOW);

  it('keep the pins of the filtered cases, and all without a filter', () => {
    expect(filterPins(pins, null, store, NOW)).toBe(pins);
    expect(filterPins(pins, 'overdue', store, NOW)!.features.map((f) => f.properties.id)).toEqual(['b']);
  });

  it('keep the feed events whose case is under the filter, as the store knows it now', () => {
    const event = (id: string, c: CaseSummary): CaseEvent => ({
      id,
      type: 'FILED',
      at: '2026-12-06T01:00:00Z',
      actorName: '网格员',
      toStatus: 'FILED',
      caseId: c.id,
      version: 1,
      case: { ...c, overdue: false },
    });
    const events = [event('1', base), event('2', overdue), event('3', closedLate)];
    // Event 2's snapshot was not overdue; the store's case is now. Event 3's case is not in the store: its snapshot decides.
    expect(filterFeed(events, 'overdue', store, NOW).map((e) => e.id)).toEqual(['2']);
    expect(filterFeed(events, null, store, NOW)).toBe(events);
  });
});

describe('sparklinesOf', () => {
  it('maps the weekly series onto the band: new cases per week for "new today"', () => {
    const s = sparklinesOf({ reported: [1, 2], open: [3, 4], overdue: [0, 1], onTimeClosureRate: [null, 0.5], satisfaction: [0.8, null] });
    expect(s).toEqual({ open: [3, 4], newToday: [1, 2], overdue: [0, 1], onTimeClosureRate: [null, 0.5], satisfaction: [0.8, null] });
  });
});
