import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunStep } from '../cases/ReportBack';
import type { CaseSummary } from '../cases/types';
import { streetDay } from '../../i18n/format';
import { MediationFields, type MediationForm } from './OrganizationsPanel';
import { DISPATCH_TO_ORGANIZATION, ORGANIZATIONS, RECORD_MEDIATION } from './operations';

/**
 * The case panel's organisation steps: a property case (PROPERTY) waiting to be dispatched goes to the
 * property company serving its grid (派给物业公司); a dispute (DISPUTE) gets a mediation record, whose
 * agreement closes it (调解结案).
 */
export function CaseOrganizationActions({ c, busy, run }: { c: CaseSummary; busy: boolean; run: RunStep }) {
  const dispatchable = c.category === 'PROPERTY' && (c.status === 'FILED' || c.status === 'ESCALATED');
  const mediable = c.category === 'DISPUTE' && ['FILED', 'DISPATCHED', 'IN_PROGRESS', 'HANDLED', 'ESCALATED'].includes(c.status);
  return (
    <>
      {dispatchable && <DispatchToCompany c={c} busy={busy} run={run} />}
      {mediable && <MediateCase c={c} busy={busy} run={run} />}
    </>
  );
}

function DispatchToCompany({ c, busy, run }: { c: CaseSummary; busy: boolean; run: RunStep }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const companies = useQuery(ORGANIZATIONS, { variables: { gridId: c.gridId, kind: 'PROPERTY_COMPANY' } }).data?.organizations.nodes ?? [];
  const [picked, setPicked] = useState('');
  const organizationId = picked || companies[0]?.id || '';
  if (!companies.length) return <p className="workspace__hint">{t('organizations.noCompany')}</p>;
  return (
    <div className="case-actions__row" data-form="dispatch-to-company">
      <select className="input" aria-label={t('organizations.company')} value={organizationId} onChange={(e) => setPicked(e.target.value)}>
        {companies.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        data-action="dispatch-to-company"
        disabled={busy || !organizationId}
        onClick={() =>
          void run(async () => {
            const res = await client.mutate({
              mutation: DISPATCH_TO_ORGANIZATION,
              variables: { id: c.id, version: c.version, organizationId },
            });
            if (!res.data) throw new Error('no answer');
            return res.data.dispatchCase;
          })
        }
      >
        {t('organizations.dispatchToCompany')}
      </button>
    </div>
  );
}

function MediateCase({ c, busy, run }: { c: CaseSummary; busy: boolean; run: RunStep }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<MediationForm>({
    parties: '',
    issue: c.description,
    agreement: '',
    mediatedOn: streetDay(),
    followUpOn: '',
    organizationId: '',
  });
  const councils =
    useQuery(ORGANIZATIONS, { variables: { gridId: c.gridId, kind: 'COUNCIL' }, skip: !open }).data?.organizations.nodes ?? [];
  if (!open)
    return (
      <button type="button" className="button" data-action="mediate" onClick={() => setOpen(true)} disabled={busy}>
        {t('mediation.fromCase')}
      </button>
    );
  const parties = form.parties
    .split(/[,，、\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <form
      data-form="mediate-case"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await client.mutate({
            mutation: RECORD_MEDIATION,
            variables: {
              input: {
                caseId: c.id,
                caseVersion: c.version,
                parties,
                issue: form.issue,
                agreement: form.agreement || null,
                mediatedOn: form.mediatedOn,
                followUpOn: form.followUpOn || null,
                organizationId: form.organizationId || null,
              },
            },
          });
          setOpen(false);
          // The panel reloads the case (closed when there was an agreement).
          return c;
        });
      }}
    >
      <p className="workspace__hint">{t('mediation.closesHint')}</p>
      <MediationFields form={form} setForm={setForm} councils={councils} />
      <button
        type="submit"
        className="button button--primary"
        data-action="record-mediation"
        disabled={busy || parties.length < 2 || !form.issue.trim()}
      >
        {t('mediation.record')}
      </button>
    </form>
  );
}
