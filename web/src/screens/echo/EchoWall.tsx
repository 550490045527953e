import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useFormatters';
import { echoLink } from '../../domain/services/echoLink';
import { groupByCompound, type EchoRequest } from './echo';
import { ECHO_COMMUNITIES_QUERY, ECHO_WALL_QUERY } from './operations';

/** A community the echo wall names: name and code only. */
type EchoCommunity = { code: string; name: string };

/**
 * 回音壁 — the public echo wall, no sign-in needed. `/echo` lists the communities by name;
 * `/echo?community=<code>` (a QR code's link) shows that community's wall: what was asked
 * and what was done, by compound, newest first. A code that is malformed or unknown says so
 * and offers the list.
 */
export function EchoWall({ request, onLanguage }: { request: EchoRequest; onLanguage: () => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(ECHO_COMMUNITIES_QUERY);
  const communities = data?.echoCommunities ?? [];
  const community = request.communityCode ? communities.find((c) => c.code === request.communityCode) : undefined;
  let body;
  if (loading) body = <p>{t('echo.loading')}</p>;
  else if (error) body = <p role="alert">{t('echo.failed')}</p>;
  else if (community) body = <EchoItems community={community} />;
  else {
    const problem = request.communityCode ? t('echo.unknown', { code: request.communityCode }) : request.badCode ? t('echo.badCode') : null;
    body = (
      <>
        {problem && (
          <p role="alert" className="echo__problem">
            {problem}
          </p>
        )}
        <CommunityPicker communities={communities} />
      </>
    );
  }
  return (
    <main className="echo" data-screen="echo" data-community={community?.code}>
      <header className="echo__header">
        <h1 className="echo__title">{community ? t('echo.titleOf', { name: community.name }) : t('echo.title')}</h1>
        <p className="echo__subtitle">{t('echo.subtitle')}</p>
        {community && (
          <a className="button" href="/echo">
            {t('echo.others')}
          </a>
        )}
        <a className="button" href="/">
          {t('echo.back')}
        </a>
        <button type="button" className="button" onClick={onLanguage} aria-label={t('language.switchLabel')}>
          {t('language.switchTo')}
        </button>
      </header>
      {body}
    </main>
  );
}

function CommunityPicker({ communities }: { communities: EchoCommunity[] }) {
  const { t } = useTranslation();
  if (communities.length === 0) return <p>{t('echo.noCommunities')}</p>;
  return (
    <section className="echo__picker" aria-label={t('echo.pick')}>
      <h2 className="panel__title">{t('echo.pick')}</h2>
      <ul className="echo__communities">
        {communities.map((c) => (
          <li key={c.code}>
            <a href={echoLink(c.code)} data-community={c.code}>
              {c.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EchoItems({ community }: { community: EchoCommunity }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { data, loading, error } = useQuery(ECHO_WALL_QUERY, { variables: { communityCode: community.code } });
  if (loading) return <p>{t('echo.loading')}</p>;
  if (error) return <p role="alert">{t('echo.failed')}</p>;
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
                <span className="status-chip">
                  {t(item.kind === 'WISH' ? 'echo.wish' : item.kind === 'PROJECT' ? 'echo.project' : 'echo.case')}
                </span>
                <p className="echo__asked">
                  {t(item.kind === 'PROJECT' ? 'echo.projectTitle' : 'echo.asked')}: {item.title}
                </p>
                {item.outcome && (
                  <p className="echo__done">
                    {t('echo.done')}: {item.outcome}
                  </p>
                )}
                {item.thanks && <blockquote className="echo__thanks">{item.thanks}</blockquote>}
                {item.contributors.length > 0 && (
                  <p className="echo__contributors" data-contributors>
                    {t('echo.contributors')}: {item.contributors.join('、')}
                  </p>
                )}
                <time dateTime={item.doneAt}>{format.dateTime(item.doneAt)}</time>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
