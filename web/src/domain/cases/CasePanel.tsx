import { errorText } from '../../graphql/errors';
import { useQuery } from '@apollo/client/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useFormatters';
import { CasePhotos } from './CasePhotos';
import { CASE_QUERY } from './operations';
import { useCategories } from './useCategories';
import type { CaseDetail } from './types';

/**
 * A case with its timeline, oldest first; `actions` renders under it (the leader's buttons).
 * `liveVersion` is the version the live feed last saw: when it moves, the timeline is fetched again.
 */
export function CasePanel({
  id,
  onClose,
  actions,
  liveVersion,
}: {
  id: string;
  onClose: () => void;
  actions?: (c: CaseDetail, reload: () => void) => ReactNode;
  liveVersion?: number;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { nameOf } = useCategories();
  const { data, loading, error, refetch } = useQuery(CASE_QUERY, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), [id]);
  const c = data?.case ?? null;
  const reload = () => void refetch().catch(() => undefined);
  // The live event already updated the cached case; its timeline needs asking for again.
  const seenVersion = useRef(liveVersion);
  useEffect(() => {
    if (liveVersion === seenVersion.current) return;
    seenVersion.current = liveVersion;
    void refetch().catch(() => undefined);
  }, [liveVersion, refetch]);

  return (
    <section className="panel case-panel" aria-label={t('case.title')} onKeyDown={(e) => e.key === 'Escape' && onClose()} data-case-id={id}>
      <header className="panel__header">
        <h2 className="panel__title">{t('case.title')}</h2>
        <button ref={closeRef} type="button" className="button" onClick={onClose}>
          {t('case.close')}
        </button>
      </header>
      {loading && !c && <p role="status">{t('case.loading')}</p>}
      {error && !c && <p role="alert">{t('case.error', { message: errorText(t, error) })}</p>}
      {!loading && !error && !c && <p>{t('case.notFound')}</p>}
      {c && (
        <>
          <dl className="case-panel__facts">
            <dt>{t('case.number')}</dt>
            <dd className="case-panel__number" data-case-number={c.number}>
              {c.number}
            </dd>
            <dt>{t('case.status')}</dt>
            <dd>
              <span className="status-chip" data-status={c.status}>
                {t(`status.${c.status}`)}
              </span>
              {c.overdue && <span className="status-chip status-chip--overdue">{t('case.overdue')}</span>}
            </dd>
            <dt>{t('case.category')}</dt>
            <dd>{nameOf(c.category)}</dd>
            <dt>{t('case.reported')}</dt>
            <dd>{format.dateTime(c.reportedAt)}</dd>
            {c.dueAt && (
              <>
                <dt>{t('case.due')}</dt>
                <dd>{format.dateTime(c.dueAt)}</dd>
              </>
            )}
            {c.address && (
              <>
                <dt>{t('case.address')}</dt>
                <dd>{c.address}</dd>
              </>
            )}
            {c.assignedLeaderName && (
              <>
                <dt>{t('case.assignedLeader')}</dt>
                <dd data-assigned-leader>{c.assignedLeaderName}</dd>
              </>
            )}
            {c.department && (
              <>
                <dt>{t('case.department')}</dt>
                <dd>{c.department}</dd>
              </>
            )}
            <dt>{t('case.description')}</dt>
            <dd>{c.description}</dd>
            {c.feedback && (
              <>
                <dt>{t('case.feedback')}</dt>
                <dd>{c.feedback}</dd>
              </>
            )}
          </dl>
          <CasePhotos hashes={c.photos} />
          {actions?.(c, reload)}
          <h3 className="case-panel__subtitle">{t('case.timeline')}</h3>
          <ol className="timeline">
            {c.timeline.map((e) => (
              <li key={e.id} className="timeline__item" data-type={e.type}>
                <time dateTime={e.at}>{format.dateTime(e.at)}</time>
                <span className="timeline__what">{t(`event.${e.type}` as 'event.REPORTED', { defaultValue: e.type })}</span>
                <span className="timeline__who">
                  {t('case.by', {
                    // The system's steps (overdue sweep, the rating rule) carry a code for a name, said in words here.
                    actor: e.actorRole === 'SYSTEM' ? t(`case.system.${e.actorName}` as 'case.system.overdue-sweep') : e.actorName,
                  })}
                </span>
                {e.note && <span className="timeline__note">{e.note}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
