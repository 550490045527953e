import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationChannel, NotificationKind } from '../../graphql/generated/graphql';
import { NOTIFICATION_PREFERENCES_QUERY, SET_NOTIFICATION_PREFERENCES } from './operations';
import { hhmmOf, minutesOf } from './quiet';

const KINDS: NotificationKind[] = [
  'CASE_DISPATCHED',
  'CASE_ESCALATED',
  'CASE_RETURNED',
  'EXTENSION_APPROVED',
  'EXTENSION_DECLINED',
  'CASE_RATED',
  'TASK_CONFIRMED',
  'WISH_CLAIMED',
  'WISH_FULFILLED',
];
const CHANNELS: NotificationChannel[] = ['SMS', 'WECOM'];

/**
 * 通知设置 — which kinds of message also go out by SMS or the WeCom group (the inbox keeps
 * every kind), on which channels, and quiet hours during which they wait (Beijing time).
 */
export function NotificationPreferences({ onSaved, onCancel }: { onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { data, error } = useQuery(NOTIFICATION_PREFERENCES_QUERY, { fetchPolicy: 'network-only' });
  if (error) return <p role="alert">{t('notify.error', { message: errorText(t, error) })}</p>;
  if (!data) return <p role="status">{t('lists.loading')}</p>;
  return <PreferencesForm initial={data.notificationPreferences} onSaved={onSaved} onCancel={onCancel} />;
}

function PreferencesForm({
  initial,
  onSaved,
  onCancel,
}: {
  initial: { kinds: NotificationKind[]; channels: NotificationChannel[]; quietStart?: number | null; quietEnd?: number | null };
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [kinds, setKinds] = useState(new Set(initial.kinds));
  const [channels, setChannels] = useState(new Set(initial.channels));
  const [quiet, setQuiet] = useState(initial.quietStart != null);
  const [start, setStart] = useState(hhmmOf(initial.quietStart) || '22:00');
  const [end, setEnd] = useState(hhmmOf(initial.quietEnd) || '07:00');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const toggle = <T,>(set: Set<T>, value: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const quietStart = quiet ? minutesOf(start) : null;
    const quietEnd = quiet ? minutesOf(end) : null;
    if (quiet && (quietStart == null || quietEnd == null)) {
      setMessage(t('notify.prefs.badTime'));
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await client.mutate({
        mutation: SET_NOTIFICATION_PREFERENCES,
        variables: {
          input: { kinds: KINDS.filter((k) => kinds.has(k)), channels: CHANNELS.filter((c) => channels.has(c)), quietStart, quietEnd },
        },
      });
      onSaved();
    } catch (caught) {
      setMessage(t('notify.error', { message: errorText(t, caught) }));
      setBusy(false);
    }
  };

  return (
    <form className="notify__prefs" data-form="notification-preferences" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('notify.prefs.kinds')}</legend>
        {KINDS.map((k) => (
          <label key={k} className="notify__pref">
            <input
              type="checkbox"
              name="kind"
              value={k}
              checked={kinds.has(k)}
              onChange={(e) => setKinds(toggle(kinds, k, e.target.checked))}
            />{' '}
            {t(`notify.kindName.${k}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('notify.prefs.channels')}</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="notify__pref">
            <input
              type="checkbox"
              name="channel"
              value={c}
              checked={channels.has(c)}
              onChange={(e) => setChannels(toggle(channels, c, e.target.checked))}
            />{' '}
            {t(`notify.channel.${c}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('notify.prefs.quiet')}</legend>
        <label className="notify__pref">
          <input type="checkbox" name="quiet" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} /> {t('notify.prefs.quietOn')}
        </label>
        {quiet && (
          <>
            <label>
              {t('notify.prefs.from')}{' '}
              <input type="time" name="quietStart" value={start} onChange={(e) => setStart(e.target.value)} required />
            </label>
            <label>
              {t('notify.prefs.to')} <input type="time" name="quietEnd" value={end} onChange={(e) => setEnd(e.target.value)} required />
            </label>
          </>
        )}
      </fieldset>
      <p className="notify__hint">{t('notify.prefs.hint')}</p>
      {message && <p role="alert">{message}</p>}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} data-action="save-preferences">
          {t('notify.prefs.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('notify.prefs.cancel')}
        </button>
      </div>
    </form>
  );
}
