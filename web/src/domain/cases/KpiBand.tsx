import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKpi, INDICATOR_DAYS, KPI_KEYS, type KpiKey, type Kpis } from './kpi';
import { isFilterKpi, type KpiFilter, type KpiSparklines } from './kpiFilter';
import { sparkPath } from './sparkline';

const SPARK_W = 64;
const SPARK_H = 16;

/**
 * The KPI band: open, new today, overdue, on-time closure rate, satisfaction; `children` are
 * further tiles (the wall's coverage). With `sparklines`, each tile draws its last weeks; with
 * `onFilter`, the count tiles are buttons that filter the map and the feed (`filter` is pressed).
 */
export function KpiBand({
  kpis,
  children,
  sparklines,
  filter = null,
  onFilter,
}: {
  kpis: Kpis;
  children?: ReactNode;
  sparklines?: KpiSparklines | null;
  filter?: KpiFilter | null;
  onFilter?: (filter: KpiFilter | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const body = (key: KpiKey) => (
    <>
      <span className="kpi__value">{formatKpi(key, kpis, i18n.language)}</span>
      <span className="kpi__label">{t(`kpi.${key}`)}</span>
      {sparklines && <Sparkline values={sparklines[key]} label={t('kpi.sparkline', { name: t(`kpi.${key}`) })} />}
    </>
  );
  return (
    <section className="kpi-band" aria-label={t('kpi.label')}>
      {KPI_KEYS.map((key) => {
        const alert = key === 'overdue' && kpis.overdue > 0 ? 'true' : undefined;
        if (onFilter && isFilterKpi(key)) {
          const pressed = filter === key;
          return (
            <button
              key={key}
              type="button"
              className="kpi kpi--button"
              data-kpi={key}
              data-alert={alert}
              aria-pressed={pressed}
              title={t('kpiFilter.pick', { name: t(`kpi.${key}`) })}
              onClick={() => onFilter(pressed ? null : key)}
            >
              {body(key)}
            </button>
          );
        }
        return (
          <div key={key} className="kpi" data-kpi={key} data-alert={alert}>
            {body(key)}
          </div>
        );
      })}
      {children}
      <p className="kpi-band__note">
        {t('kpi.window', { days: INDICATOR_DAYS })}
        {sparklines ? ` · ${t('kpi.sparkWeeks', { weeks: sparklines.open.length })}` : ''}
      </p>
    </section>
  );
}

/** A small line of the last weeks (oldest left); its label names the KPI for screen readers. */
function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const d = sparkPath(values, SPARK_W, SPARK_H);
  return (
    <svg
      className="kpi__spark"
      viewBox={`-1 -1 ${SPARK_W + 2} ${SPARK_H + 2}`}
      role="img"
      aria-label={label}
      data-points={values.filter((v) => v !== null).length}
    >
      {d && <path d={d} />}
    </svg>
  );
}
