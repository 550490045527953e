import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorText } from '../../graphql/errors';
import { START_CASE } from '../../domain/cases/operations';
import { ExtensionRequest, HandleCaseForm, type RunStep } from '../../domain/cases/ReportBack';
import type { CaseDetail } from '../../domain/cases/types';

/** Where the department may still ask for more time (the API's EXTENDABLE, less what the command centre alone holds). */
const EXTENDABLE = ['DISPATCHED', 'IN_PROGRESS', 'ESCALATED'];

/** A department's steps on one of its cases: start (开始处置), report back with a photo (处置反馈), ask for more time (申请延期). */
export function DepartmentActions({ c, onChanged }: { c: CaseDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const run: RunStep = async (work) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (error) {
      setMessage(errorCode(error) === 'CONFLICT' ? t('leader.conflict') : t('leader.error', { message: errorText(t, error) }));
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  const start = () =>
    run(async () => {
      const { data } = await client.mutate({ mutation: START_CASE, variables: { id: c.id, version: c.version } });
      if (!data) throw new Error('no answer');
      return data.startCase;
    });

  return (
    <div className="case-actions">
      {c.status === 'DISPATCHED' && (
        <button type="button" className="button button--primary" onClick={() => void start()} disabled={busy} data-action="start">
          {t('department.start')}
        </button>
      )}
      {c.status === 'IN_PROGRESS' && <HandleCaseForm c={c} busy={busy} run={run} submitLabel={t('department.handle')} />}
      <ExtensionRequest c={c} busy={busy} run={run} canRequest={EXTENDABLE.includes(c.status)} />
      {message && <p role="alert">{message}</p>}
    </div>
  );
}
