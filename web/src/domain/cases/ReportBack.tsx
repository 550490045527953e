import { useApolloClient } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useFormatters';
import { HANDLE_CASE, REQUEST_EXTENSION } from './operations';
import { PhotoPicker } from './PhotoPicker';
import { photoForUpload } from './photos';
import type { CaseDetail, CaseSummary } from './types';

const DAY_MS = 24 * 3600_000;

/**
 * Runs one step of the case for a handler's screen: `busy` while it runs, the error shown,
 * the case reloaded after (the leader's workspace and the department's inbox pass their own).
 */
export type RunStep = (work: () => Promise<CaseSummary>) => Promise<void>;

/** 处置反馈: the handler reports back with a text and a photo (handleCase); the grid leader's and the department's. */
export function HandleCaseForm({ c, busy, run, submitLabel }: { c: CaseDetail; busy: boolean; run: RunStep; submitLabel: string }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const id = useId();
  const [feedback, setFeedback] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const handle = () =>
    run(async () => {
      const uploads = photos.length ? await Promise.all(photos.map((p) => photoForUpload(p))) : undefined;
      const { data } = await client.mutate({
        mutation: HANDLE_CASE,
        variables: { id: c.id, version: c.version, feedback: feedback.trim(), photos: uploads },
      });
      if (!data) throw new Error('no answer');
      setFeedback('');
      setPhotos([]);
      return data.handleCase;
    });
  return (
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
      <PhotoPicker label={t('leader.photo')} files={photos} onChange={setPhotos} />
      <button type="submit" className="button button--primary" disabled={busy || !feedback.trim()} data-action="handle">
        {submitLabel}
      </button>
    </form>
  );
}

/**
 * 申请延期: the pending request's notice, or (when the case may still ask) the form that asks
 * the command centre for more days with a reason. The deadline stays until it approves.
 */
export function ExtensionRequest({ c, busy, run, canRequest }: { c: CaseDetail; busy: boolean; run: RunStep; canRequest: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const id = useId();
  const [days, setDays] = useState(3);
  const [reason, setReason] = useState('');
  const base = c.dueAt ? Date.parse(c.dueAt) : Date.now();
  const until = new Date(base + days * DAY_MS).toISOString();
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
  if (c.pendingExtension) {
    return (
      <p className="case-actions__pending" data-pending-extension={c.pendingExtension.eventId} role="status">
        {t('leader.extendPending', { date: format.dateTime(c.pendingExtension.until) })}
      </p>
    );
  }
  if (!canRequest) return null;
  return (
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
  );
}
