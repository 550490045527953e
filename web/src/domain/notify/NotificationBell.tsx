import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useFormatters';
import { MARK_NOTIFICATIONS_READ, NOTIFICATIONS_QUERY, UNREAD_COUNT_QUERY, UNREAD_POLL_MS } from './operations';
import { NotificationPreferences } from './Preferences';
import { badgeText, notificationText } from './text';

const PAGE = 20;

/**
 * 消息通知 in the app shell's header: the unread count as a badge (polled), and a drawer with
 * the signed-in person's notifications, newest first; opening one marks it read, and
 * everything can be marked read at once; 通知设置 chooses what also goes out by SMS or WeCom, and quiet hours.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [settings, setSettings] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const count = useQuery(UNREAD_COUNT_QUERY, { pollInterval: UNREAD_POLL_MS, fetchPolicy: 'cache-and-network' });
  const list = useQuery(NOTIFICATIONS_QUERY, {
    variables: { first: PAGE, unreadOnly },
    skip: !open,
    fetchPolicy: 'cache-and-network',
  });
  // A kind's key (notify.kind.CASE_DISPATCHED…) is built at run time, and the typed `t` reads `_…` as a context suffix.
  const say = t as unknown as (key: string, values: Record<string, string>) => string;
  const unread = count.data?.unreadNotificationCount ?? 0;
  const nodes = list.data?.notifications.nodes ?? [];
  const page = list.data?.notifications.pageInfo;

  const markRead = useCallback(
    async (variables: { ids?: string[]; all?: boolean }) => {
      setError(null);
      try {
        await client.mutate({ mutation: MARK_NOTIFICATIONS_READ, variables });
      } catch (e) {
        setError(t('notify.error', { message: errorText(t, e) }));
      }
      await Promise.all([count.refetch(), open ? list.refetch() : null]).catch(() => undefined);
    },
    [client, count, list, open, t],
  );
  const more = () =>
    void list
      .fetchMore({
        variables: { after: page?.endCursor },
        updateQuery: (prev, { fetchMoreResult }) => ({
          notifications: {
            ...fetchMoreResult.notifications,
            nodes: [...prev.notifications.nodes, ...fetchMoreResult.notifications.nodes],
          },
        }),
      })
      .catch((e: unknown) => setError(t('notify.error', { message: errorText(t, e) })));

  return (
    <div className="notify">
      <button
        type="button"
        className="button notify__bell"
        aria-expanded={open}
        aria-controls={`${id}-drawer`}
        aria-label={t('notify.openLabel', { count: unread })}
        data-action="notifications"
        onClick={() => setOpen(!open)}
      >
        {t('notify.open')}
        {unread > 0 && (
          <span className="notify__badge" data-unread={unread}>
            {badgeText(unread)}
          </span>
        )}
      </button>
      {open && (
        <aside id={`${id}-drawer`} className="notify__drawer" aria-label={t('notify.title')}>
          <header className="notify__header">
            <h2 className="notify__title">{t('notify.title')}</h2>
            <label className="notify__filter">
              <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
              {t('notify.unreadOnly')}
            </label>
            <button type="button" className="button" disabled={unread === 0} onClick={() => void markRead({ all: true })}>
              {t('notify.markAllRead')}
            </button>
            <button
              type="button"
              className="button"
              aria-pressed={settings}
              onClick={() => {
                setSettings(!settings);
                setSaved(false);
              }}
              data-action="notification-settings"
            >
              {t('notify.prefs.open')}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t('notify.close')}
            </button>
          </header>
          {settings && (
            <NotificationPreferences
              onSaved={() => {
                setSettings(false);
                setSaved(true);
              }}
              onCancel={() => setSettings(false)}
            />
          )}
          {saved && <p role="status">{t('notify.prefs.saved')}</p>}
          {error && <p role="alert">{error}</p>}
          {list.error && <p role="alert">{t('notify.error', { message: errorText(t, list.error) })}</p>}
          {list.data && nodes.length === 0 && <p className="notify__empty">{t('notify.empty')}</p>}
          <ul className="notify__list">
            {nodes.map((n) => {
              const text = notificationText(n.kind, n.params);
              return (
                <li key={n.id} className={n.readAt ? 'notify__item' : 'notify__item notify__item--unread'} data-kind={n.kind}>
                  <p className="notify__text">{say(text.key, text.values)}</p>
                  <time className="notify__time" dateTime={n.createdAt}>
                    {format.dateTime(n.createdAt)}
                  </time>
                  {!n.readAt && (
                    <button type="button" className="button notify__read" onClick={() => void markRead({ ids: [n.id] })}>
                      {t('notify.markRead')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          {page?.hasNextPage && (
            <button type="button" className="button" onClick={more}>
              {t('notify.more')}
            </button>
          )}
        </aside>
      )}
    </div>
  );
}
