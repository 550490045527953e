import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coverageSummary, gapRows, unlistedGaps } from './coverage';
import { usePartyCoverage } from './usePartyCoverage';

/**
 * 全覆盖 in the KPI band: the party organisation coverage rate with the missing leaders and
 * secretaries; a click lists the gaps (grid code, name, what is missing).
 */
export function CoverageTile() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const { data, error } = usePartyCoverage();
  const coverage = data?.partyCoverage;
  if (!coverage) {
    return (
      <div className="kpi" data-kpi="partyCoverage" data-error={error ? 'true' : undefined}>
        <span className="kpi__value">—</span>
        <span className="kpi__label">{error ? t('coverage.error') : t('coverage.rate')}</span>
      </div>
    );
  }
  const s = coverageSummary(coverage, i18n.language);
  const rows = gapRows(coverage);
  const more = unlistedGaps(coverage);
  return (
    <div className="coverage">
      <button
        type="button"
        className="kpi kpi--button"
        data-kpi="partyCoverage"
        data-alert={s.alert ? 'true' : undefined}
        aria-expanded={open}
        title={t('coverage.open')}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="kpi__value">{s.rate}</span>
        <span className="kpi__label">
          {t('coverage.rate')} · {t('coverage.missingLeader')} {s.missingLeaders} · {t('coverage.missingSecretary')} {s.missingSecretaries}
        </span>
      </button>
      {open && (
        <section className="coverage__panel" role="dialog" aria-label={t('coverage.title')} data-panel="coverage">
          <header className="coverage__head">
            <h2>{t('coverage.title')}</h2>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t('coverage.close')}
            </button>
          </header>
          <p className="coverage__counts">
            {t('coverage.missingOrganization')} {s.missingOrganizations} · {t('coverage.missingLeader')} {s.missingLeaders} ·{' '}
            {t('coverage.missingSecretary')} {s.missingSecretaries}
          </p>
          <p className="coverage__counts" data-coverage="chain">
            {coverage.streetCommittee ? t('coverage.committee') : t('coverage.noCommittee')} ·{' '}
            {t('coverage.centralHouseholds', { n: coverage.centralHouseholds, linked: coverage.centralHouseholdsLinked })}
          </p>
          {rows.length === 0 ? (
            <p className="coverage__empty">{t('coverage.empty')}</p>
          ) : (
            <table className="coverage__gaps">
              <thead>
                <tr>
                  <th>{t('coverage.code')}</th>
                  <th>{t('coverage.name')}</th>
                  <th>{t('coverage.missing')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.gridId} data-grid-code={r.code}>
                    <td className="coverage__code">{r.code}</td>
                    <td>
                      {r.name} <span className="coverage__level">{t(`level.${r.level}`)}</span>
                    </td>
                    <td>{r.missing.map((k) => t(`coverage.gap.${k}`)).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {more > 0 && <p className="coverage__more">{t('coverage.more', { count: more })}</p>}
        </section>
      )}
    </div>
  );
}
