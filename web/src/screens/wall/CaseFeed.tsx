import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useFormatters';
import type { CaseEvent } from '../../domain/cases/types';

/** The live case feed, newest first; an item opens its case. */
export function CaseFeed({
  events,
  live,
  nameOf,
  onOpen,
  filtered = false,
}: {
  events: CaseEvent[];
  live: boolean;
  nameOf: (code: string) => string;
  onOpen: (id: string) => void;
  /** A KPI filter is on: an empty list says nothing matches rather than nothing happened. */
  filtered?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <section className="feed" aria-label={t('feed.title')} data-filtered={filtered || undefined}>
      <header className="feed__header">
        <h2 className="feed__title">{t('feed.title')}</h2>
        <span className="feed__live" data-live={live} role="status">
          {live ? t('feed.live') : t('feed.reconnecting')}
        </span>
      </header>
      {events.length === 0 ? (
        <p className="feed__empty">{filtered ? t('feed.emptyFiltered') : t('feed.empty')}</p>
      ) : (
        <ol className="feed__list" aria-live="polite">
          {events.map((e) => (
            <li key={e.id}>
              <button type="button" className="feed__item" data-status={e.toStatus} onClick={() => onOpen(e.caseId)}>
                <time dateTime={e.at}>{format.dateTime(e.at)}</time>
                <span className="status-chip" data-status={e.toStatus}>
                  {t(`event.${e.type}` as 'event.REPORTED', { defaultValue: e.type })}
                </span>
                <span className="feed__number">{e.case.number}</span>
                <span className="feed__category">{nameOf(e.case.category)}</span>
                <span className="feed__description">{e.case.description}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
