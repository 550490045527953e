import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_DAYS, indicatorWindow } from '../../domain/cases/kpi';
import { usePartyCoverage } from '../../domain/party/usePartyCoverage';
import { WALL_STATISTICS_QUERY } from './operations';

const REFRESH_MS = 60_000;

/** One statistic: its value as shown and its label's key. */
export interface StatTile {
  key: string;
  value: string;
}

/** The tiles, in the UI's locale: counts grouped, hours to one decimal, rates as percentages, done "of" raised. */
export function statTiles(
  s: {
    organizations: number;
    centralHouseholds: number;
    members: number;
    registrations: number;
    serviceHours: number;
    needsCreated: number;
    needsDone: number;
    wishesCreated: number;
    wishesFulfilled: number;
    visits: number;
  },
  coverage: { coverageRate: number | null; leaderRate: number | null } | null,
  locale: string,
): StatTile[] {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const h = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const pct = (v: number | null | undefined) =>
    v == null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  return [
    { key: 'organizations', value: n.format(s.organizations) },
    { key: 'centralHouseholds', value: n.format(s.centralHouseholds) },
    { key: 'leaderRate', value: pct(coverage?.leaderRate) },
    { key: 'members', value: n.format(s.members) },
    { key: 'registrations', value: n.format(s.registrations) },
    { key: 'serviceHours', value: h.format(s.serviceHours) },
    { key: 'needs', value: `${n.format(s.needsDone)} / ${n.format(s.needsCreated)}` },
    { key: 'wishes', value: `${n.format(s.wishesFulfilled)} / ${n.format(s.wishesCreated)}` },
    { key: 'visits', value: n.format(s.visits) },
  ];
}

/**
 * 党建与服务统计 beside the case KPIs: organisations, central households, the leader rate,
 * registered members and all registrations (now); hours, needs, wishes and visits over the
 * KPI band's window, refreshed every minute; the leader rate from the coverage tile's query.
 */
export function WallStats() {
  const { t, i18n } = useTranslation();
  // The window is fixed at mount (its minute-old end does not matter to these counts).
  const window = useMemo(() => indicatorWindow(Date.now()), []);
  const { data, error } = useQuery(WALL_STATISTICS_QUERY, { variables: window, pollInterval: REFRESH_MS });
  // The coverage tile's own query (the same request, computed once for both).
  const coverage = usePartyCoverage();
  const tiles = data && coverage.data ? statTiles(data.wallStatistics, coverage.data.partyCoverage, i18n.language) : null;
  return (
    <section
      className="wall-stats"
      aria-label={t('wallStats.label')}
      data-state={tiles ? 'ready' : error || coverage.error ? 'error' : 'loading'}
    >
      {tiles ? (
        tiles.map((tile) => (
          <div key={tile.key} className="wall-stats__tile" data-stat={tile.key}>
            <span className="wall-stats__value">{tile.value}</span>
            <span className="wall-stats__label">{t(`wallStats.${tile.key}` as 'wallStats.visits')}</span>
          </div>
        ))
      ) : (
        <p className="wall-stats__note">{error || coverage.error ? t('wallStats.error') : t('wallStats.loading')}</p>
      )}
      <p className="wall-stats__note">{t('wallStats.window', { days: INDICATOR_DAYS })}</p>
    </section>
  );
}
