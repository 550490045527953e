import { useApolloClient } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorMessage } from '../../graphql/errors';
import { DISPATCH_CASE, FILE_CASE, HANDLE_CASE, REQUEST_EXTENSION, START_CASE } from '../../domain/cases/operations';
import { useFormatters } from '../../i18n/useFormatters';
import { photoForUpload } from '../../domain/cases/photos';
import { isOpen, type CaseDetail, type CaseSummary } from '../../domain/cases/types';

const DAY_MS = 24 * 3600_000;

/** Accept (立案 → 派遣 → 开始处置, as many steps as the status needs), handle with feedback, request an extension. */
export function LeaderActions({ c, reload, onChanged }: { c: CaseDetail; reload: () => void; onChanged: (c: CaseSummary) => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const id = useId();
  const [feedback, setFeedback] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [days, setDays] = useState(3);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const format = useFormatters();
  const run = async (work: () => Promise<CaseSummary>) => {
    setBusy(true);
    setMessage(null);
    try {
      onChanged(await work());
    } catch (error) {
      const code = errorCode(error);
      if (code === 'CONFLICT') setMessage(t('leader.conflict'));
      else setMessage(t('leader.error', { message: errorMessage(error) }));
    } finally {
      setBusy(false);
      reload();
    }
  };

  const accept = () =>
    run(async () => {
      let current: CaseSummary = c;
      const answered = (next: CaseSummary | undefined): CaseSummary => {
        if (!next) throw new Error('no answer');
        return next;
      };
      const step = () => ({ id: current.id, version: current.version });
      if (current.status === 'REPORTED') {
        current = answered((await client.mutate({ mutation: FILE_CASE, variables: step() })).data?.fileCase);
      }
      if (current.status === 'FILED' || current.status === 'ESCALATED') {
        current = answered((await client.mutate({ mutation: DISPATCH_CASE, variables: step() })).data?.dispatchCase);
      }
      if (current.status === 'DISPATCHED') {
        current = answered((await client.mutate({ mutation: START_CASE, variables: step() })).data?.startCase);
      }
      return current;
    });

  const handle = () =>
    run(async () => {
      const photos = photo ? [await photoForUpload(photo)] : undefined;
      const { data } = await client.mutate({
        mutation: HANDLE_CASE,
        variables: { id: c.id, version: c.version, feedback: feedback.trim(), photos },
      });
      if (!data) throw new Error('no answer');
      setFeedback('');
      setPhoto(null);
      return data.handleCase;
    });

  const base = c.dueAt ? Date.parse(c.dueAt) : Date.now();
  const until = new Date(base + days * DAY_MS).toISOString();
  // The command centre decides: the request is recorded and the deadline stays until it approves.
  const extend = () =>
    run(async () => {
      const { data } = await client.mutate({
        mutation: REQUEST_EXTENSION,
        variables: { id: c.id, version: c.version, until, reason: reason.trim() },
      });
      if (!data) throw new Error('no answer');
      setReason('');
      return data.requestCaseExtension;
    });

  if (!isOpen(c.status) || c.status === 'HANDLED') return null;
  const canAccept = ['REPORTED', 'FILED', 'ESCALATED', 'DISPATCHED'].includes(c.status);
  return (
    <div className="case-actions">
      {canAccept && (
        <button type="button" className="button button--primary" onClick={() => void accept()} disabled={busy} data-action="accept">
          {t('leader.accept')}
        </button>
      )}
      {c.status === 'IN_PROGRESS' && (
        <form
          className="case-actions__form"
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
            {t('leader.handle')}
          </button>
        </form>
      )}
      {c.pendingExtension && (
        <p className="case-actions__pending" data-pending-extension={c.pendingExtension.eventId} role="status">
          {t('leader.extendPending', { date: format.dateTime(c.pendingExtension.until) })}
        </p>
      )}
      {c.status !== 'REPORTED' && !c.pendingExtension && (
        <details className="case-actions__extend">
          <summary>{t('leader.extend')}</summary>
          <form
            className="case-actions__form"
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
