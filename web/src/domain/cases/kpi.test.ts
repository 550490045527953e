import { combineIndicators, countsOf, formatKpi, indicatorWindow, startOfShanghaiDay, type Kpis } from './kpi';
import type { CaseIndicators } from './types';

const ind = (over: Partial<CaseIndicators>): CaseIndicators => ({
  filed: 0,
  closed: 0,
  closedOnTime: 0,
  dueToClose: 0,
  rated: 0,
  onTimeClosureRate: null,
  satisfaction: null,
  ...over,
});

describe('KPIs', () => {
  it('starts the day at midnight Beijing time', () => {
    // 2026-11-25T17:00Z is 01:00 on the 26th in Beijing.
    expect(new Date(startOfShanghaiDay(Date.parse('2026-11-25T17:00:00Z'))).toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(new Date(startOfShanghaiDay(Date.parse('2026-11-25T15:59:00Z'))).toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });

  it('sums open and overdue totals over the open statuses', () => {
    expect(
      countsOf({ s_REPORTED: { totalCount: 2 }, s_HANDLED: { totalCount: 3 }, o_FILED: { totalCount: 1 }, today: { totalCount: 4 } }),
    ).toEqual({
      open: 5,
      overdue: 1,
      newToday: 4,
    });
    expect(countsOf(undefined)).toEqual({ open: 0, overdue: 0, newToday: 0 });
  });

  it('combines grids: on time over due, satisfaction weighted by ratings', () => {
    const combined = combineIndicators([
      ind({ closedOnTime: 3, dueToClose: 4, rated: 1, satisfaction: 1 }),
      ind({ closedOnTime: 1, dueToClose: 4, rated: 3, satisfaction: 0.6 }),
    ]);
    expect(combined.onTimeClosureRate).toBeCloseTo(0.5);
    expect(combined.satisfaction).toBeCloseTo(0.7);
    expect(combineIndicators([ind({})])).toEqual({ onTimeClosureRate: null, satisfaction: null });
  });

  it('formats counts and rates for the locale, and unknown as a dash', () => {
    const kpis: Kpis = { open: 12345, newToday: 3, overdue: 0, onTimeClosureRate: 0.875, satisfaction: null };
    expect(formatKpi('open', kpis, 'zh-CN')).toBe('12,345');
    expect(formatKpi('onTimeClosureRate', kpis, 'zh-CN')).toBe('87.5%');
    expect(formatKpi('onTimeClosureRate', kpis, 'en')).toBe('87.5%');
    expect(formatKpi('satisfaction', kpis, 'zh-CN')).toBe('—');
  });

  it('covers the last 30 days', () => {
    const now = Date.parse('2026-11-25T00:00:00Z');
    expect(indicatorWindow(now)).toEqual({ from: '2026-10-26T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' });
  });
});
