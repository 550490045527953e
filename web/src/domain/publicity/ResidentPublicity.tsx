import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useRun } from '../../graphql/useRun';
import { useFormatters } from '../../i18n/useFormatters';
import { RESIDENT_PUBLICITY, SIGN_UP, WITHDRAW } from './operations';

/**
 * What is published for a resident's community, compound and building: notices, the current
 * covenant, exemplary deeds, and the community activities (惠民活动) with places left, to sign up
 * for or withdraw from. Row-level security decides what reaches them.
 */
export function ResidentPublicity({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const { data, refetch } = useQuery(RESIDENT_PUBLICITY, { variables: { communityId }, fetchPolicy: 'network-only' });
  const { busy, message, run } = useRun(refetch);
  if (!data) return null;
  const { notices, covenant, exemplaryDeeds: deeds, communityActivities: activities } = data;
  return (
    <>
      <section className="services__section" data-list="resident-activities">
        <h2 className="panel__title">{t('publicity.activities', { n: activities.length })}</h2>
        {message && (
          <p role="alert" className="services__message">
            {message}
          </p>
        )}
        {activities.length === 0 ? (
          <p className="list-empty">{t('publicity.noActivities')}</p>
        ) : (
          <ul className="services__list">
            {activities.map((a) => {
              const left = a.capacity - a.taken;
              return (
                <li key={a.id} className="services__row" data-activity-id={a.id}>
                  <strong>{a.title}</strong>（{t(`publicity.kind.${a.kind}`)}）
                  <p>
                    {format.dateTime(a.startsAt)} · {a.place} · {t('publicity.placesLeft', { left, capacity: a.capacity })}
                  </p>
                  {a.description && <p>{a.description}</p>}
                  {a.mySignup ? (
                    <>
                      <span className="status-chip" data-signed-up="yes">
                        {t('publicity.signedUp', { people: a.mySignup.people })}
                      </span>
                      <button
                        type="button"
                        className="button"
                        disabled={busy}
                        data-action="withdraw-activity"
                        onClick={() => void run(() => client.mutate({ mutation: WITHDRAW, variables: { activityId: a.id } }))}
                      >
                        {t('publicity.withdraw')}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="button"
                      disabled={busy || left <= 0}
                      data-action="sign-up-activity"
                      onClick={() => void run(() => client.mutate({ mutation: SIGN_UP, variables: { activityId: a.id, people: 1 } }))}
                    >
                      {left <= 0 ? t('publicity.full') : t('publicity.signUp')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="services__section" data-list="resident-notices">
        <h2 className="panel__title">{t('publicity.notices', { n: notices.length })}</h2>
        {notices.length === 0 ? (
          <p className="list-empty">{t('publicity.noNotices')}</p>
        ) : (
          <ul className="services__list">
            {notices.map((n) => (
              <li key={n.id} className="services__row" data-notice-id={n.id}>
                <strong>{n.title}</strong> · {n.grid.name}
                {n.publishedAt && (
                  <>
                    {' '}
                    · <time dateTime={n.publishedAt}>{format.dateTime(n.publishedAt)}</time>
                  </>
                )}
                <p>{n.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {covenant && (
        <section className="services__section" data-list="resident-covenant">
          <h2 className="panel__title">
            {covenant.title}（{t('publicity.covenantVersion', { version: covenant.version })}）
          </h2>
          <p className="publicity__covenant" style={{ whiteSpace: 'pre-wrap' }}>
            {covenant.body}
          </p>
        </section>
      )}
      {deeds.length > 0 && (
        <section className="services__section" data-list="resident-deeds">
          <h2 className="panel__title">{t('publicity.deeds', { n: deeds.length })}</h2>
          <ul className="services__list">
            {deeds.map((d) => (
              <li key={d.id} className="services__row">
                <strong>{d.title}</strong> — {d.personName}（{t(`publicity.personKind.${d.personKind}`)}）<p>{d.story}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
