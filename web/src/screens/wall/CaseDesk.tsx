import { useApolloClient, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorText } from '../../graphql/errors';
import {
  CASE_LEADERS_QUERY,
  CLOSE_CASE,
  DEPARTMENTS_QUERY,
  DISPATCH_TO_DEPARTMENT,
  DISPATCH_TO_LEADER,
  ESCALATE_CASE,
  FILE_CASE,
  REJECT_CASE,
  RETURN_CASE,
} from '../../domain/cases/operations';
import type { CaseDetail, CaseSummary } from '../../domain/cases/types';
import { ExtensionReview } from './ExtensionReview';
import { departmentChoices, leaderChoices } from './desk';

/**
 * 指挥中心处置 — the steps the command centre takes on a case (case.rules.ts TRANSITIONS with
 * COMMAND_CENTRE): file or reject a report, dispatch a filed or escalated case to a grid leader
 * of its grid chain, escalate one up the grid chain (上报上级), verify and close or return for
 * rework a handled one, answer an extension request. A stale version (CONFLICT) says so and reloads the case.
 */
export function CaseDesk({ c, reload, onChanged }: { c: CaseDetail; reload: () => void; onChanged: (c: CaseSummary) => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [leaderId, setLeaderId] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const dispatchable = c.status === 'FILED' || c.status === 'ESCALATED';
  const leaders = useQuery(CASE_LEADERS_QUERY, { variables: { id: c.id }, skip: !dispatchable });
  const choices = leaderChoices(leaders.data?.case?.grid ?? null);
  const departments = useQuery(DEPARTMENTS_QUERY, { skip: !dispatchable });
  const departmentOptions = departmentChoices(departments.data?.departments ?? [], c.category);

  const run = async (work: () => Promise<CaseSummary | undefined>) => {
    setBusy(true);
    setMessage(null);
    try {
      const changed = await work();
      if (changed) onChanged(changed);
      setReason('');
      setComment('');
      setLeaderId('');
    } catch (error) {
      setMessage(errorCode(error) === 'CONFLICT' ? t('desk.conflict') : t('desk.error', { message: errorText(t, error) }));
    } finally {
      setBusy(false);
      reload();
    }
  };
  const step = { id: c.id, version: c.version };
  const file = () => run(async () => (await client.mutate({ mutation: FILE_CASE, variables: step })).data?.fileCase);
  const reject = () =>
    run(async () => (await client.mutate({ mutation: REJECT_CASE, variables: { ...step, reason: reason.trim() } })).data?.rejectCase);
  const dispatch = () =>
    run(async () => {
      // The picker's value is a leader's id, or `dept:` and a department's.
      if (leaderId.startsWith('dept:')) {
        const departmentId = leaderId.slice('dept:'.length);
        return (await client.mutate({ mutation: DISPATCH_TO_DEPARTMENT, variables: { ...step, departmentId } })).data?.dispatchCase;
      }
      return (await client.mutate({ mutation: DISPATCH_TO_LEADER, variables: { ...step, leaderId } })).data?.dispatchCase;
    });
  const close = () =>
    run(
      async () => (await client.mutate({ mutation: CLOSE_CASE, variables: { ...step, comment: comment.trim() || null } })).data?.closeCase,
    );
  const rework = () =>
    run(async () => (await client.mutate({ mutation: RETURN_CASE, variables: { ...step, reason: reason.trim() } })).data?.returnCase);

  const escalate = () =>
    run(async () => (await client.mutate({ mutation: ESCALATE_CASE, variables: { ...step, reason: reason.trim() } })).data?.escalateCase);

  const reasonField = (label: string) => (
    <>
      <label htmlFor={`${id}-reason`}>{label}</label>
      <input id={`${id}-reason`} name="reason" className="input" value={reason} onChange={(e) => setReason(e.target.value)} required />
    </>
  );
  const escalatable = ['DISPATCHED', 'IN_PROGRESS'].includes(c.status);
  const hasStep = ['REPORTED', 'FILED', 'ESCALATED', 'HANDLED'].includes(c.status) || escalatable;

  return (
    <section className="case-actions case-desk" aria-label={t('desk.title')} data-status={c.status}>
      <h3 className="case-panel__subtitle">{t('desk.title')}</h3>
      {c.status === 'REPORTED' && (
        <button type="button" className="button button--primary" onClick={() => void file()} disabled={busy} data-action="file">
          {t('desk.file')}
        </button>
      )}
      {dispatchable && (
        <form
          className="case-actions__form"
          onSubmit={(e) => {
            e.preventDefault();
            void dispatch();
          }}
        >
          <label htmlFor={`${id}-leader`}>{t('desk.dispatchTo')}</label>
          <select
            id={`${id}-leader`}
            name="leader"
            className="input"
            value={leaderId}
            onChange={(e) => setLeaderId(e.target.value)}
            required
          >
            <option value="">{t('desk.pickLeader')}</option>
            <optgroup label={t('desk.leaders')}>
              {choices.map((l) => (
                <option key={l.id} value={l.id}>
                  {t('desk.leaderOption', { grid: l.gridName, name: l.name, role: t(`leaderRole.${l.role}`) })}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('desk.departments')}>
              {departmentOptions.map((d) => (
                <option key={d.id} value={`dept:${d.id}`}>
                  {d.handles ? t('desk.departmentHandles', { name: d.name }) : d.name}
                </option>
              ))}
            </optgroup>
          </select>
          {leaders.data && choices.length === 0 && <p>{t('desk.noLeaders')}</p>}
          <button type="submit" className="button button--primary" disabled={busy || !leaderId} data-action="dispatch">
            {t('desk.dispatch')}
          </button>
        </form>
      )}
      {(c.status === 'REPORTED' || c.status === 'FILED') && (
        <form
          className="case-actions__form"
          onSubmit={(e) => {
            e.preventDefault();
            void reject();
          }}
        >
          {reasonField(t('desk.rejectReason'))}
          <button type="submit" className="button" disabled={busy || !reason.trim()} data-action="reject">
            {t('desk.reject')}
          </button>
        </form>
      )}
      {escalatable && (
        <form
          className="case-actions__form"
          onSubmit={(e) => {
            e.preventDefault();
            void escalate();
          }}
        >
          {reasonField(t('desk.escalateReason'))}
          <button type="submit" className="button" disabled={busy || !reason.trim()} data-action="escalate">
            {t('desk.escalate')}
          </button>
        </form>
      )}
      {c.status === 'HANDLED' && (
        <>
          <form
            className="case-actions__form"
            onSubmit={(e) => {
              e.preventDefault();
              void close();
            }}
          >
            <label htmlFor={`${id}-comment`}>{t('desk.closeComment')}</label>
            <input id={`${id}-comment`} name="comment" className="input" value={comment} onChange={(e) => setComment(e.target.value)} />
            <button type="submit" className="button button--primary" disabled={busy} data-action="close-case">
              {t('desk.close')}
            </button>
          </form>
          <form
            className="case-actions__form"
            onSubmit={(e) => {
              e.preventDefault();
              void rework();
            }}
          >
            {reasonField(t('desk.returnReason'))}
            <button type="submit" className="button" disabled={busy || !reason.trim()} data-action="return">
              {t('desk.return')}
            </button>
          </form>
        </>
      )}
      <ExtensionReview c={c} reload={reload} onChanged={onChanged} />
      {!hasStep && !c.pendingExtension && <p className="case-desk__idle">{t('desk.nothing')}</p>}
      {message && <p role="alert">{message}</p>}
    </section>
  );
}
