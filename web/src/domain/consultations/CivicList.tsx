import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useFormatters';
import type { useCivicMap } from './useCivicMap';

/** The wall's list beside the civic layer: upcoming consultations and projects in progress, with milestones done. */
export function CivicList({ civic, onClose }: { civic: ReturnType<typeof useCivicMap>; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <aside className="panel civic-list" data-civic="wall-list" aria-label={t('civic.wallTitle')}>
      <h2 className="panel__title">{t('civic.wallTitle')}</h2>
      <button type="button" className="button" onClick={onClose}>
        {t('civic.close')}
      </button>
      {civic.error && <p role="alert">{t('civic.loadFailed')}</p>}
      {civic.loading && <p className="list-empty">{t('app.loading')}</p>}
      <h3>{t('civic.upcoming', { n: civic.upcoming.length })}</h3>
      {civic.upcoming.length === 0 ? (
        !civic.loading && <p className="list-empty">{t('civic.noUpcoming')}</p>
      ) : (
        <ul>
          {civic.upcoming.map((c) => (
            <li key={c.id} data-consultation={c.topic}>
              {t(`civic.kind.${c.kind}`)} · {c.topic} · {c.gridName} · {format.dateTime(c.startsAt)} · {c.place}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('civic.openProjects', { n: civic.open.length })}</h3>
      {civic.open.length === 0 ? (
        !civic.loading && <p className="list-empty">{t('civic.noProjects')}</p>
      ) : (
        <ul>
          {civic.open.map((p) => (
            <li key={p.id} data-project={p.title}>
              {p.title} · {p.gridName} · {t('civic.lead', { name: p.leadName })} ·{' '}
              {t('civic.progress', { done: p.milestones.filter((m) => m.status === 'DONE').length, total: p.milestones.length })}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
