import type { CaseEvent, CaseSummary } from './types';
import { isOpen } from './types';
import { startOfShanghaiDay, type KpiKey } from './kpi';
import type { PinCollection, PinStore } from './pins';

/** The KPIs a click turns into a filter of the map and the feed (counts of cases; the rates are not). */
export const FILTER_KPIS = ['open', 'newToday', 'overdue'] as const satisfies readonly KpiKey[];
export type KpiFilter = (typeof FILTER_KPIS)[number];

export function isFilterKpi(key: KpiKey): key is KpiFilter {
  return (FILTER_KPIS as readonly KpiKey[]).includes(key);
}

/** Whether a case counts under a KPI as the band counts it: open; reported today (Beijing); open and overdue. */
export function matchesKpi(c: Pick<CaseSummary, 'status' | 'overdue' | 'reportedAt'>, filter: KpiFilter, now: number): boolean {
  if (filter === 'open') return isOpen(c.status);
  if (filter === 'overdue') return c.overdue && isOpen(c.status);
  return Date.parse(c.reportedAt) >= startOfShanghaiDay(now);
}

/** The pins of the cases under the filter (the store holds each pin's case); `pins` itself without a filter. */
export function filterPins(pins: PinCollection | null, filter: KpiFilter | null, store: PinStore, now: number): PinCollection | null {
  if (!pins || !filter) return pins;
  return {
    ...pins,
    features: pins.features.filter((f) => {
      const c = store.get(f.properties.id)?.summary;
      return c ? matchesKpi(c, filter, now) : false;
    }),
  };
}

/** The feed's events whose case is under the filter (as the case stands now, when the store knows it). */
export function filterFeed(events: CaseEvent[], filter: KpiFilter | null, store: PinStore, now: number): CaseEvent[] {
  if (!filter) return events;
  return events.filter((e) => matchesKpi(store.get(e.caseId)?.summary ?? e.case, filter, now));
}

/** The series `caseKpiSeries` answers, as the band's sparklines: new cases per week stand for "new today". */
export interface KpiSeriesAnswer {
  reported: readonly number[];
  open: readonly number[];
  overdue: readonly number[];
  onTimeClosureRate: readonly (number | null)[];
  satisfaction: readonly (number | null)[];
}
export type KpiSparklines = Readonly<Record<KpiKey, readonly (number | null)[]>>;

export function sparklinesOf(s: KpiSeriesAnswer): KpiSparklines {
  return {
    open: s.open,
    newToday: s.reported,
    overdue: s.overdue,
    onTimeClosureRate: s.onTimeClosureRate,
    satisfaction: s.satisfaction,
  };
}
