import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { combineIndicators, countsOf, formatKpi, indicatorWindow, type KpiKey, type Kpis } from './kpi';
import { GRID_CASE_FACTS_QUERY } from './operations';

const SHOWN: KpiKey[] = ['open', 'overdue', 'onTimeClosureRate', 'satisfaction'];

/** A grid card's case facts: open and overdue cases in its subtree, on-time closure and satisfaction over 30 days. */
export function GridCaseFacts({ gridId }: { gridId: string }) {
  const { t, i18n } = useTranslation();
  const period = useMemo(() => indicatorWindow(Date.now()), []);
  const { data } = useQuery(GRID_CASE_FACTS_QUERY, { variables: { gridId, ...period }, fetchPolicy: 'cache-and-network' });
  if (!data) return null;
  const { indicators, ...totals } = data;
  const kpis: Kpis = { ...countsOf(totals), ...combineIndicators([indicators]) };
  return (
    <dl className="grid-card__facts grid-card__cases" data-grid-id={gridId}>
      {SHOWN.map((key) => (
        <div key={key} className="fact" data-kpi={key}>
          <dt>{t(`kpi.${key}`)}</dt>
          <dd>{formatKpi(key, kpis, i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}
