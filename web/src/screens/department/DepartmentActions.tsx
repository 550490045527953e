import { useApolloClient } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorMessage } from '../../graphql/errors';
import { useFormatters } from '../../i18n/useFormatters';
import { HANDLE_CASE, REQUEST_EXTENSION, START_CASE } from '../../domain/cases/operations';
import { photoForUpload } from '../../domain/cases/photos';
import type { CaseDetail } from '../../domain/cases/types';

const DAY_MS = 24 * 3600_000;
/** Where the department may still ask for more time (the API's EXTENDABLE, less what the command centre alone holds). */
const EXTENDABLE = ['DISPATCHED', 'IN_PROGRESS', 'ESCALATED'];

/** A department's steps on one of its cases: start (开始处置), report back with a photo (处置反馈), ask for more time (申请延期). */
export function DepartmentActions({ c, onChanged }: { c: CaseDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const id = useId();
  const [feedback, setFeedback] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [days, setDays] = useState(3);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (error) {
      setMessage(errorCode(error) === 'CONFLICT' ? t('leader.conflict') : t('leader.error', { message: errorMessage(error) }));
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  const start = () => run(() => client.mutate({ mutation: START_CASE, variables: { id: c.id, version: c.version } }));
  const handle = () =>
    run(async () => {
      const photos = photo ? [await photoForUpload(photo)] : undefined;
      await client.mutate({ mutation: HANDLE_CASE, variables: { id: c.id, version: c.version, feedback: feedback.trim(), photos } });
      setFeedback('');
      setPhoto(null);
    });
  const base = c.dueAt ? Date.parse(c.dueAt) : Date.now();
  const until = new Date(base + days * DAY_MS).toISOString();
  const extend = () =>
    run(async () => {
      await client.mutate({ mutation: REQUEST_EXTENSION, variables: { id: c.id, version: c.version, until, reason: reason.trim() } });
      setReason('');
    });

  return (
    <div className="case-actions">
      {c.status === 'DISPATCHED' && (
        <button type="button" className="button button--primary" onClick={() => void start()} disabled={busy} data-action="start">
          {t('department.start')}
        </button>
      )}
      {c.status === 'IN_PROGRESS' && (
        <form
          className="case-actions__form"
          data-form="handle"
          onSubmit={(e) => {
            e.preventDefault();
            void handle();
          }}
        >
          <label htmlFor={`${id}-feedback`}>{t('leader.feedback')}</label>
          <textarea
            id={`${id}-feedback`}
            name="feedback"
            className="input"
            rows={2}
            maxLength={4000}
            value={feedback}
            onChange={(e) => setFeedback(e.target.value)}
            required
          />
          <label htmlFor={`${id}-photo`}>{t('leader.photo')}</label>
          <input
            id={`${id}-photo`}
            name="photo"
            className="input"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
          />
          <button type="submit" className="button button--primary" disabled={busy || !feedback.trim()} data-action="handle">
            {t('department.handle')}
          </button>
        </form>
      )}
      {c.pendingExtension && (
        <p className="case-actions__pending" data-pending-extension={c.pendingExtension.eventId} role="status">
          {t('leader.extendPending', { date: format.dateTime(c.pendingExtension.until) })}
        </p>
      )}
      {EXTENDABLE.includes(c.status) && !c.pendingExtension && (
        <details className="case-actions__extend">
          <summary>{t('leader.extend')}</summary>
          <form
            className="case-actions__form"
            data-form="extend"
            onSubmit={(e) => {
              e.preventDefault();
              void extend();
            }}
          >
            <label htmlFor={`${id}-days`}>{t('leader.extendDays')}</label>
            <input
              id={`${id}-days`}
              className="input"
              type="number"
              min={1}
              max={30}
              value={days}
              onChange={(e) => setDays(Math.max(1, Number(e.target.value) || 1))}
            />
            <span className="case-actions__until">{t('leader.extendUntil', { date: format.dateTime(until) })}</span>
            <label htmlFor={`${id}-reason`}>{t('leader.extendReason')}</label>
            <input id={`${id}-reason`} className="input" value={reason} onChange={(e) => setReason(e.target.value)} required />
            <button type="submit" className="button" disabled={busy || !reason.trim()} data-action="extend">
              {t('leader.send')}
            </button>
          </form>
        </details>
      )}
      {message && <p role="alert">{message}</p>}
    </div>
  );
}
