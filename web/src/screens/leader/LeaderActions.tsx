import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorText } from '../../graphql/errors';
import { DISPATCH_CASE, FILE_CASE, START_CASE } from '../../domain/cases/operations';
import { ExtensionRequest, HandleCaseForm, type RunStep } from '../../domain/cases/ReportBack';
import { isOpen, type CaseDetail, type CaseSummary } from '../../domain/cases/types';
import { CaseOrganizationActions } from '../../domain/organizations/CaseOrganizationActions';

/**
 * Accept (立案 → 派遣 → 开始处置, as many steps as the status needs), handle with feedback, request an extension;
 * send a property case to the compound's property company, settle a dispute by mediation.
 */
export function LeaderActions({ c, reload, onChanged }: { c: CaseDetail; reload: () => void; onChanged: (c: CaseSummary) => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const run: RunStep = async (work) => {
    setBusy(true);
    setMessage(null);
    try {
      onChanged(await work());
    } catch (error) {
      const code = errorCode(error);
      if (code === 'CONFLICT') setMessage(t('leader.conflict'));
      else setMessage(t('leader.error', { message: errorText(t, error) }));
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

  if (!isOpen(c.status) || c.status === 'HANDLED') return null;
  const canAccept = ['REPORTED', 'FILED', 'ESCALATED', 'DISPATCHED'].includes(c.status);
  return (
    <div className="case-actions">
      {canAccept && (
        <button type="button" className="button button--primary" onClick={() => void accept()} disabled={busy} data-action="accept">
          {t('leader.accept')}
        </button>
      )}
      <CaseOrganizationActions c={c} busy={busy} run={run} />
      {c.status === 'IN_PROGRESS' && <HandleCaseForm c={c} busy={busy} run={run} submitLabel={t('leader.handle')} />}
      <ExtensionRequest c={c} busy={busy} run={run} canRequest={c.status !== 'REPORTED'} />
      {message && <p role="alert">{message}</p>}
    </div>
  );
}
