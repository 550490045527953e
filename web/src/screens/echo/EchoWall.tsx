import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useFormatters';
import { COMMUNITY_IDS_QUERY } from '../../domain/services/operations';
import { groupByCompound } from './echo';
import { ECHO_WALL_QUERY } from './operations';

/**
 * 回音壁 — the public echo wall of a community (`?echo=<communityId>`): what was asked and what
 * was done, by compound, newest first; no sign-in needed. Without an id: the communities to pick
 * from when signed in (the list is not public), else a field for the id.
 */
export function EchoWall({ communityId, onLanguage }: { communityId: string | null; onLanguage: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="echo" data-screen="echo">
      <header className="echo__header">
        <h1 className="echo__title">{t('echo.title')}</h1>
        <p className="echo__subtitle">{t('echo.subtitle')}</p>
        <a className="button" href="./">
          {t('echo.back')}
        </a>
        <button type="button" className="button" onClick={onLanguage} aria-label={t('language.switchLabel')}>
          {t('language.switchTo')}
        </button>
      </header>
      {communityId ? <EchoItems communityId={communityId} /> : <CommunityPicker />}
    </main>
  );
}

function CommunityPicker() {
  const { t } = useTranslation();
  const { data, error } = useQuery(COMMUNITY_IDS_QUERY);
  const communities = data?.grids.nodes ?? [];
  return (
    <section className="echo__picker">
      {communities.length > 0 && !error ? (
        <ul className="echo__communities">
          {communities.map((c) => (
            <li key={c.id}>
              <a href={`?echo=${encodeURIComponent(c.id)}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      ) : (
        <form method="get" className="echo__form">
          <label>
            {t('echo.communityId')}
            <input className="input" name="echo" required />
          </label>
          <button type="submit" className="button button--primary">
            {t('echo.show')}
          </button>
        </form>
      )}
    </section>
  );
}

function EchoItems({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { data, loading, error } = useQuery(ECHO_WALL_QUERY, { variables: { communityId } });
  if (loading) return <p>{t('echo.loading')}</p>;
  if (error) return <p role="alert">{t('echo.error', { message: error.message })}</p>;
  const groups = groupByCompound(data?.echoWall ?? []);
  if (groups.length === 0) return <p>{t('echo.empty')}</p>;
  return (
    <div className="echo__groups">
      {groups.map((g) => (
        <section key={g.compound} className="echo__group" aria-label={g.compound}>
          <h2 className="panel__title">{g.compound}</h2>
          <ul className="echo__items">
            {g.items.map((item) => (
              <li key={`${item.kind}:${item.id}`} className="echo__item" data-kind={item.kind}>
                <span className="status-chip">{t(item.kind === 'WISH' ? 'echo.wish' : 'echo.case')}</span>
                <p className="echo__asked">
                  {t('echo.asked')}: {item.title}
                </p>
                {item.outcome && (
                  <p className="echo__done">
                    {t('echo.done')}: {item.outcome}
                  </p>
                )}
                {item.thanks && <blockquote className="echo__thanks">{item.thanks}</blockquote>}
                <time dateTime={item.doneAt}>{format.dateTime(item.doneAt)}</time>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
