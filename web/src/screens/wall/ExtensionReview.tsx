import { useApolloClient } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorText } from '../../graphql/errors';
import { useFormatters } from '../../i18n/useFormatters';
import { DECLINE_EXTENSION, EXTEND_CASE } from '../../domain/cases/operations';
import type { CaseDetail, CaseSummary } from '../../domain/cases/types';

/**
 * The command centre's answer to a pending extension request: approve (extendCaseDeadline to
 * the date asked for) or decline with a reason.
 */
export function ExtensionReview({ c, reload, onChanged }: { c: CaseDetail; reload: () => void; onChanged: (c: CaseSummary) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const request = c.pendingExtension;
  if (!request) return null;

  const run = async (work: () => Promise<CaseSummary | undefined>) => {
    setBusy(true);
    setMessage(null);
    try {
      const changed = await work();
      if (changed) onChanged(changed);
    } catch (error) {
      setMessage(errorCode(error) === 'CONFLICT' ? t('leader.conflict') : t('leader.error', { message: errorText(t, error) }));
    } finally {
      setBusy(false);
      reload();
    }
  };
  const approve = () =>
    run(async () => {
      const { data } = await client.mutate({
        mutation: EXTEND_CASE,
        variables: {
          id: c.id,
          version: c.version,
          newDueAt: request.until,
          reason: t('extension.approvedNote', { reason: request.reason }),
        },
      });
      return data?.extendCaseDeadline;
    });
  const decline = () =>
    run(async () => {
      const { data } = await client.mutate({
        mutation: DECLINE_EXTENSION,
        variables: { id: c.id, version: c.version, reason: reason.trim() },
      });
      setReason('');
      return data?.declineCaseExtension;
    });

  return (
    <section className="case-actions extension-review" aria-label={t('extension.title')} data-pending-extension={request.eventId}>
      <h3 className="case-panel__subtitle">{t('extension.title')}</h3>
      <p>{t('extension.summary', { who: request.requestedBy, date: format.dateTime(request.until), reason: request.reason })}</p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => void approve()}
        disabled={busy}
        data-action="approve-extension"
      >
        {t('extension.approve')}
      </button>
      <form
        className="case-actions__form"
        onSubmit={(e) => {
          e.preventDefault();
          void decline();
        }}
      >
        <label htmlFor={`${id}-reason`}>{t('extension.declineReason')}</label>
        <input id={`${id}-reason`} className="input" value={reason} onChange={(e) => setReason(e.target.value)} required />
        <button type="submit" className="button" disabled={busy || !reason.trim()} data-action="decline-extension">
          {t('extension.decline')}
        </button>
      </form>
      {message && <p role="alert">{message}</p>}
    </section>
  );
}
