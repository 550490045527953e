import { OPEN_STATUSES, type CaseIndicators, type CaseTotals } from './types';

/** The street office's time zone: China has one offset (UTC+8) and no daylight saving. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Midnight of `now`'s day in Beijing time, as epoch ms. */
export function startOfShanghaiDay(now: number): number {
  return Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

export interface Kpis {
  open: number;
  newToday: number;
  overdue: number;
  /** 0–1, or null when nothing was due to close. */
  onTimeClosureRate: number | null;
  /** 0–1, or null when nothing was rated. */
  satisfaction: number | null;
}

function total(result: CaseTotals, key: string): number {
  return result[key]?.totalCount ?? 0;
}

/** Open, overdue and new-today counts from an OPEN_CASES_QUERY (or GRID_CASE_FACTS_QUERY) answer. */
export function countsOf(result: CaseTotals | undefined): Pick<Kpis, 'open' | 'newToday' | 'overdue'> {
  if (!result) return { open: 0, newToday: 0, overdue: 0 };
  return {
    open: OPEN_STATUSES.reduce((sum, s) => sum + total(result, `s_${s}`), 0),
    overdue: OPEN_STATUSES.reduce((sum, s) => sum + total(result, `o_${s}`), 0),
    newToday: total(result, 'today'),
  };
}

/**
 * Indicators of several grids (the street's communities, or a leader's grids) as one:
 * on-time closure = Σ closed on time ÷ Σ due to close; satisfaction = rating-weighted mean.
 */
export function combineIndicators(list: readonly CaseIndicators[]): Pick<Kpis, 'onTimeClosureRate' | 'satisfaction'> {
  const due = list.reduce((s, i) => s + i.dueToClose, 0);
  const onTime = list.reduce((s, i) => s + i.closedOnTime, 0);
  const rated = list.reduce((s, i) => s + (i.satisfaction === null ? 0 : i.rated), 0);
  const weighted = list.reduce((s, i) => s + (i.satisfaction === null ? 0 : i.satisfaction * i.rated), 0);
  return {
    onTimeClosureRate: due > 0 ? Math.min(1, onTime / due) : null,
    satisfaction: rated > 0 ? weighted / rated : null,
  };
}

export type KpiKey = keyof Kpis;
export const KPI_KEYS: readonly KpiKey[] = ['open', 'newToday', 'overdue', 'onTimeClosureRate', 'satisfaction'];

/** A KPI as the band shows it, in the UI's locale: counts grouped, rates as percentages, "—" when unknown. */
export function formatKpi(key: KpiKey, kpis: Kpis, locale: string): string {
  const value = kpis[key];
  if (value === null) return '—';
  if (key === 'onTimeClosureRate' || key === 'satisfaction') {
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  }
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** Indicators cover the last 30 days. */
export const INDICATOR_DAYS = 30;
export function indicatorWindow(now: number): { from: string; to: string } {
  return { from: new Date(now - INDICATOR_DAYS * DAY_MS).toISOString(), to: new Date(now).toISOString() };
}
