import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKpi, INDICATOR_DAYS, KPI_KEYS, type Kpis } from './kpi';

/** The KPI band: open, new today, overdue, on-time closure rate, satisfaction; `children` are further tiles (the wall's coverage). */
export function KpiBand({ kpis, children }: { kpis: Kpis; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="kpi-band" aria-label={t('kpi.label')}>
      {KPI_KEYS.map((key) => (
        <div key={key} className="kpi" data-kpi={key} data-alert={key === 'overdue' && kpis.overdue > 0 ? 'true' : undefined}>
          <span className="kpi__value">{formatKpi(key, kpis, i18n.language)}</span>
          <span className="kpi__label">{t(`kpi.${key}`)}</span>
        </div>
      ))}
      {children}
      <p className="kpi-band__note">{t('kpi.window', { days: INDICATOR_DAYS })}</p>
    </section>
  );
}
