import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { combineIndicators, countsOf, formatKpi, indicatorWindow, type KpiKey, type Kpis } from './kpi';
import type { OpenCasesResult } from './operations';
import { OPEN_STATUSES, type CaseIndicators } from './types';

const GRID_CASE_FACTS: TypedDocumentNode<OpenCasesResult & { indicators: CaseIndicators }, { gridId: string; from: string; to: string }> = gql(`
  query GridCaseFacts($gridId: ID!, $from: DateTime!, $to: DateTime!) {
    ${OPEN_STATUSES.map((s) => `s_${s}: cases(gridId: $gridId, status: ${s}, first: 1) { totalCount }\n    o_${s}: cases(gridId: $gridId, status: ${s}, overdue: true, first: 1) { totalCount }`).join('\n    ')}
    indicators: caseIndicators(gridId: $gridId, from: $from, to: $to) {
      filed closed closedOnTime dueToClose rated onTimeClosureRate satisfaction
    }
  }
`);

const SHOWN: KpiKey[] = ['open', 'overdue', 'onTimeClosureRate', 'satisfaction'];

/** A grid card's case facts: open and overdue cases in its subtree, on-time closure and satisfaction over 30 days. */
export function GridCaseFacts({ gridId }: { gridId: string }) {
  const { t, i18n } = useTranslation();
  const period = useMemo(() => indicatorWindow(Date.now()), []);
  const { data } = useQuery(GRID_CASE_FACTS, { variables: { gridId, ...period }, fetchPolicy: 'cache-and-network' });
  if (!data) return null;
  const kpis: Kpis = { ...countsOf(data), ...combineIndicators([data.indicators]) };
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
