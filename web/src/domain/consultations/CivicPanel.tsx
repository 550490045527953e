import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ConsultationKind,
  PledgeKind,
  PledgerKind,
  ProjectsQuery,
  ConsultationsQuery,
  ResolutionCarriedAs,
} from '../../graphql/generated/graphql';
import { useFormatters } from '../../i18n/useFormatters';
import { CasePhotos } from '../cases/CasePhotos';
import { ReportForm } from '../cases/ReportForm';
import { photoForUpload } from '../cases/photos';
import {
  ADD_MILESTONE,
  ADD_RESOLUTION,
  COMPLETE_MILESTONE,
  COMPLETE_PROJECT,
  COMPLETE_RESOLUTION,
  CONSULTATIONS_QUERY,
  CONVENE,
  CONVENE_CHOICES_QUERY,
  CREATE_PROJECT,
  INVITABLE_RESIDENTS_QUERY,
  PLEDGE,
  PROJECTS_QUERY,
  RECORD_CONSULTATION,
} from './operations';

type ConsultationRow = ConsultationsQuery['consultations'][number];
type ProjectRow = ProjectsQuery['projects'][number];

const KINDS: ConsultationKind[] = ['ROUND_TABLE', 'BENCH', 'RESIDENTS_COUNCIL'];
const CARRIED: ResolutionCarriedAs[] = ['PROJECT', 'TASK', 'CASE'];
const PLEDGE_KINDS: PledgeKind[] = ['MONEY', 'PEOPLE', 'MATERIALS'];
const PLEDGER_KINDS: PledgerKind[] = ['ORGANIZATION', 'PARTY_MEMBER', 'REPRESENTATIVE', 'RESIDENT'];

/** The message for a refused step: the field the API named, in words. */
function useFailure() {
  const { t } = useTranslation();
  // A step checked here names its field as the API would (`input.startsAt`); the civic forms' own labels first.
  return (caught: unknown) => errorText(t, caught, { fields: 'civic.field' });
}

/** A form step: runs `work`, then `done`; shows the failure in words. */
function useStep(done: () => unknown) {
  const failure = useFailure();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await done();
      return true;
    } catch (caught) {
      setError(failure(caught));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const alert = error ? (
    <p role="alert" className="civic__error">
      {error}
    </p>
  ) : null;
  return { run, busy, alert };
}

/**
 * 议事协商 and 项目清单 in the leader's workspace (the community secretary and the compound leader; street admins too):
 * convene a consultation from cases with its invitations, record attendance and minutes, resolutions, make projects
 * with 人财物 pledges and milestones, and complete them (they then appear on the echo wall).
 */
export function CivicPanel() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'consultations' | 'projects'>('consultations');
  const consultations = useQuery(CONSULTATIONS_QUERY, { variables: {}, fetchPolicy: 'cache-and-network' });
  const projects = useQuery(PROJECTS_QUERY, { variables: {}, fetchPolicy: 'cache-and-network' });
  const reload = async () => {
    await Promise.all([consultations.refetch(), projects.refetch()]);
  };
  return (
    <section className="civic" data-civic="panel" aria-label={t('civic.title')}>
      <h2 className="panel__title">{t('civic.title')}</h2>
      <div className="civic__tabs" role="group">
        <button
          type="button"
          className="button"
          aria-pressed={tab === 'consultations'}
          data-civic-tab="consultations"
          onClick={() => setTab('consultations')}
        >
          {t('civic.consultations')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={tab === 'projects'}
          data-civic-tab="projects"
          onClick={() => setTab('projects')}
        >
          {t('civic.projects')}
        </button>
      </div>
      {tab === 'consultations' ? (
        <>
          <ConveneForm onDone={reload} />
          <List
            loading={consultations.loading}
            error={consultations.error}
            empty={t('civic.noConsultations')}
            items={consultations.data?.consultations}
            row={(c) => <ConsultationCard c={c} onChanged={reload} />}
          />
        </>
      ) : (
        <>
          <ProjectForm onDone={reload} />
          <List
            loading={projects.loading}
            error={projects.error}
            empty={t('civic.noProjects')}
            items={projects.data?.projects}
            row={(p) => <ProjectCard p={p} onChanged={reload} />}
          />
        </>
      )}
    </section>
  );
}

function List<T extends { id: string }>(props: {
  loading: boolean;
  error: Error | undefined;
  empty: string;
  items: readonly T[] | undefined;
  row: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (props.error) return <p role="alert">{t('civic.loadFailed')}</p>;
  if (!props.items) return props.loading ? <p role="status">{t('lists.loading')}</p> : null;
  if (!props.items.length) return <p className="list-empty">{props.empty}</p>;
  return (
    <ul className="civic__list">
      {props.items.map((item) => (
        <li key={item.id} data-id={item.id}>
          {props.row(item)}
        </li>
      ))}
    </ul>
  );
}

function ConveneForm({ onDone }: { onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [open, setOpen] = useState(false);
  const [gridId, setGridId] = useState('');
  const [kind, setKind] = useState<ConsultationKind>('ROUND_TABLE');
  const [topic, setTopic] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [address, setAddress] = useState('');
  const [caseIds, setCaseIds] = useState<string[]>([]);
  const [organizationIds, setOrganizationIds] = useState<string[]>([]);
  const [registrationIds, setRegistrationIds] = useState<string[]>([]);
  const [residents, setResidents] = useState<{ id: string; name: string; role: string }[]>([]);
  const [search, setSearch] = useState('');
  const choices = useQuery(CONVENE_CHOICES_QUERY, { variables: { gridId: gridId || null }, skip: !open });
  const found = useQuery(INVITABLE_RESIDENTS_QUERY, {
    variables: { gridId: gridId || null, search },
    skip: !open || search.trim().length < 1,
  });
  const step = useStep(async () => {
    setOpen(false);
    setTopic('');
    setCaseIds([]);
    setOrganizationIds([]);
    setRegistrationIds([]);
    setResidents([]);
    await onDone();
  });
  if (!open)
    return (
      <button type="button" className="button button--primary" data-civic="open-convene" onClick={() => setOpen(true)}>
        {t('civic.convene')}
      </button>
    );
  // The grids stay listed while the choices of a newly picked grid load: without them the select would lose its value,
  // and the browser would refuse the form (required) without a word.
  const listed = choices.data ?? choices.previousData;
  const grids = [...(listed?.communities.nodes ?? []), ...(listed?.compounds.nodes ?? [])];
  const toggle = (list: string[], set: (v: string[]) => void, id: string) =>
    set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void step.run(() => {
      // The time is checked here: an empty one is not a time at all, so the API could not name the field.
      if (!startsAt || Number.isNaN(new Date(startsAt).getTime())) throw Object.assign(new Error('startsAt'), { field: 'input.startsAt' });
      return client.mutate({
        mutation: CONVENE,
        variables: {
          input: {
            gridId,
            kind,
            topic,
            startsAt: new Date(startsAt).toISOString(),
            address,
            caseIds,
            invitees: [
              ...residents.map((r) => ({ kind: 'RESIDENT' as const, residentId: r.id, role: r.role || null })),
              ...organizationIds.map((id) => ({ kind: 'ORGANIZATION' as const, organizationId: id })),
              ...registrationIds.map((id) => ({ kind: 'PARTY_MEMBER' as const, registrationId: id })),
            ],
          },
        },
      });
    });
  };
  return (
    <form className="civic__form" data-civic="convene" onSubmit={submit}>
      <h3>{t('civic.convene')}</h3>
      <label>
        {t('civic.field.gridId')}
        <select className="input" name="gridId" value={gridId} onChange={(e) => setGridId(e.target.value)} required>
          <option value="">{t('civic.pick')}</option>
          {grids.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('civic.field.kind')}
        <select className="input" name="kind" value={kind} onChange={(e) => setKind(e.target.value as ConsultationKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`civic.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('civic.field.topic')}
        <input className="input" name="topic" value={topic} onChange={(e) => setTopic(e.target.value)} />
      </label>
      <label>
        {t('civic.field.startsAt')}
        <input className="input" type="datetime-local" name="startsAt" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
      </label>
      <label>
        {t('civic.field.address')}
        <input className="input" name="address" value={address} onChange={(e) => setAddress(e.target.value)} />
      </label>
      {gridId && (
        <>
          <fieldset data-civic="cases">
            <legend>{t('civic.fromCases')}</legend>
            {(choices.data?.cases.nodes ?? []).length === 0 && <p className="list-empty">{t('civic.noCases')}</p>}
            {(choices.data?.cases.nodes ?? []).map((c) => (
              <label key={c.id} className="civic__check">
                <input
                  type="checkbox"
                  checked={caseIds.includes(c.id)}
                  onChange={() => toggle(caseIds, setCaseIds, c.id)}
                  data-case-id={c.id}
                />
                {c.number} {c.description}
              </label>
            ))}
          </fieldset>
          <fieldset data-civic="organizations">
            <legend>{t('civic.inviteOrganizations')}</legend>
            {(choices.data?.organizations.nodes ?? []).length === 0 && <p className="list-empty">{t('civic.noOrganizations')}</p>}
            {(choices.data?.organizations.nodes ?? []).map((o) => (
              <label key={o.id} className="civic__check">
                <input
                  type="checkbox"
                  checked={organizationIds.includes(o.id)}
                  onChange={() => toggle(organizationIds, setOrganizationIds, o.id)}
                  data-organization={o.name}
                />
                {o.name}
              </label>
            ))}
          </fieldset>
          <fieldset data-civic="members">
            <legend>{t('civic.inviteMembers')}</legend>
            {(choices.data?.serviceRegistrations.nodes ?? []).filter((r) => r.kind === 'MEMBER').length === 0 && (
              <p className="list-empty">{t('civic.noMembers')}</p>
            )}
            {(choices.data?.serviceRegistrations.nodes ?? [])
              .filter((r) => r.kind === 'MEMBER')
              .map((r) => (
                <label key={r.id} className="civic__check">
                  <input
                    type="checkbox"
                    checked={registrationIds.includes(r.id)}
                    onChange={() => toggle(registrationIds, setRegistrationIds, r.id)}
                    data-member={r.name}
                  />
                  {r.name}
                </label>
              ))}
          </fieldset>
          <fieldset data-civic="residents">
            <legend>{t('civic.inviteResidents')}</legend>
            <input
              className="input"
              name="residentSearch"
              placeholder={t('civic.searchResident')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <ul>
              {(found.data?.residents.nodes ?? []).map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className="button"
                    data-invite-resident={r.name}
                    disabled={residents.some((x) => x.id === r.id)}
                    onClick={() => setResidents([...residents, { id: r.id, name: r.name, role: '' }])}
                  >
                    {t('civic.invite')} {r.name}
                  </button>
                </li>
              ))}
            </ul>
            {residents.map((r, i) => (
              <label key={r.id} className="civic__check">
                {r.name}
                <input
                  className="input"
                  name={`residentRole-${i}`}
                  placeholder={t('civic.field.role')}
                  value={r.role}
                  onChange={(e) => setResidents(residents.map((x) => (x.id === r.id ? { ...x, role: e.target.value } : x)))}
                />
              </label>
            ))}
          </fieldset>
        </>
      )}
      {step.alert}
      <button type="submit" className="button button--primary" disabled={step.busy}>
        {t('civic.conveneSubmit')}
      </button>
      <button type="button" className="button" onClick={() => setOpen(false)}>
        {t('civic.cancel')}
      </button>
    </form>
  );
}

function ConsultationCard({ c, onChanged }: { c: ConsultationRow; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const [attended, setAttended] = useState<string[]>(c.invitees.filter((i) => i.attended).map((i) => i.id));
  const [minutes, setMinutes] = useState(c.minutes ?? '');
  const [resolution, setResolution] = useState({ text: '', carriedAs: 'PROJECT' as ResolutionCarriedAs, ownerName: '', dueOn: '' });
  // The CASE resolution whose new case is being reported, in the one report form.
  const [reporting, setReporting] = useState<string | null>(null);
  const step = useStep(onChanged);
  return (
    <article className="civic__card" data-consultation={c.topic} data-status={c.status}>
      <h3>
        {t(`civic.kind.${c.kind}`)} · {c.topic}
      </h3>
      <p>
        {c.gridName} · {format.dateTime(c.startsAt)} · {c.place} · <span className="status-chip">{t(`civic.status.${c.status}`)}</span>
        {!c.published && <span className="status-chip">{t('civic.unpublished')}</span>}
      </p>
      {c.caseIds.length > 0 && <p>{t('civic.fromCasesCount', { n: c.caseIds.length })}</p>}
      <form
        className="civic__form"
        data-civic="record"
        onSubmit={(e) => {
          e.preventDefault();
          void step.run(() =>
            client.mutate({ mutation: RECORD_CONSULTATION, variables: { id: c.id, version: c.version, input: { attended, minutes } } }),
          );
        }}
      >
        <fieldset>
          <legend>{t('civic.attendance')}</legend>
          {c.invitees.map((i) => (
            <label key={i.id} className="civic__check">
              <input
                type="checkbox"
                checked={attended.includes(i.id)}
                data-attended={i.name}
                onChange={() => setAttended(attended.includes(i.id) ? attended.filter((x) => x !== i.id) : [...attended, i.id])}
              />
              {i.name}
              {i.role ? `（${i.role}）` : ''} · {t(`civic.invitee.${i.kind}`)}
              {i.attended != null && ` · ${i.attended ? t('civic.present') : t('civic.absent')}`}
            </label>
          ))}
        </fieldset>
        <label>
          {t('civic.field.minutes')}
          <textarea className="input" name="minutes" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={step.busy}>
          {t('civic.recordSubmit')}
        </button>
      </form>
      <h4>{t('civic.resolutions', { open: c.openResolutions })}</h4>
      <ul className="civic__resolutions">
        {c.resolutions.map((r) => (
          <li key={r.id} data-resolution={r.text} data-done={r.done}>
            <span className="status-chip">{r.done ? t('civic.done') : t('civic.open')}</span> {r.text} ·{' '}
            {t(`civic.carriedAs.${r.carriedAs}`)} · {r.ownerName} · {t('civic.dueOn', { date: format.date(r.dueOn) })}
            {r.projectTitle && ` · ${r.projectTitle}`}
            {r.carriedAs === 'CASE' &&
              (r.caseNumber && r.caseStatus ? (
                <>
                  {' · '}
                  <span className="status-chip" data-case-number={r.caseNumber}>
                    {t('civic.caseOf', { number: r.caseNumber, status: t(`status.${r.caseStatus}`) })}
                  </span>
                </>
              ) : (
                !r.caseId && ` · ${t('civic.caseAwaited')}`
              ))}
            {r.carriedAs === 'CASE' && !r.caseId && reporting !== r.id && (
              <button type="button" className="button" data-action="report-resolution-case" onClick={() => setReporting(r.id)}>
                {t('civic.reportCase')}
              </button>
            )}
            {reporting === r.id && (
              <ReportForm
                source="GRID_PATROL"
                withPriority
                point={{ lng: c.lng, lat: c.lat }}
                initialDescription={r.text}
                resolutionId={r.id}
                onCancel={() => setReporting(null)}
                onDone={() => {
                  setReporting(null);
                  void onChanged();
                }}
              />
            )}
            {r.carriedAs === 'TASK' && !r.done && (
              <button
                type="button"
                className="button"
                onClick={() => void step.run(() => client.mutate({ mutation: COMPLETE_RESOLUTION, variables: { id: r.id } }))}
              >
                {t('civic.markDone')}
              </button>
            )}
            {r.carriedAs === 'PROJECT' && !r.projectId && (
              <ProjectForm onDone={onChanged} resolution={{ id: r.id, text: r.text, ownerName: r.ownerName, gridId: c.gridId }} />
            )}
          </li>
        ))}
      </ul>
      {c.status === 'HELD' && (
        <form
          className="civic__form"
          data-civic="resolution"
          onSubmit={(e) => {
            e.preventDefault();
            void step.run(async () => {
              await client.mutate({ mutation: ADD_RESOLUTION, variables: { consultationId: c.id, input: resolution } });
              setResolution({ text: '', carriedAs: 'PROJECT', ownerName: '', dueOn: '' });
            });
          }}
        >
          <label>
            {t('civic.field.text')}
            <input
              className="input"
              name="resolutionText"
              value={resolution.text}
              onChange={(e) => setResolution({ ...resolution, text: e.target.value })}
            />
          </label>
          <label>
            {t('civic.field.carriedAs')}
            <select
              className="input"
              name="carriedAs"
              value={resolution.carriedAs}
              onChange={(e) => setResolution({ ...resolution, carriedAs: e.target.value as ResolutionCarriedAs })}
            >
              {CARRIED.map((k) => (
                <option key={k} value={k}>
                  {t(`civic.carriedAs.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('civic.field.ownerName')}
            <input
              className="input"
              name="ownerName"
              value={resolution.ownerName}
              onChange={(e) => setResolution({ ...resolution, ownerName: e.target.value })}
            />
          </label>
          <label>
            {t('civic.field.dueOn')}
            <input
              className="input"
              type="date"
              name="dueOn"
              value={resolution.dueOn}
              onChange={(e) => setResolution({ ...resolution, dueOn: e.target.value })}
            />
          </label>
          <button type="submit" className="button" disabled={step.busy}>
            {t('civic.addResolution')}
          </button>
        </form>
      )}
      {step.alert}
    </article>
  );
}

/** A new project: of a grid the keeper picks, or made from a resolution (its consultation's grid). */
function ProjectForm({
  onDone,
  resolution,
}: {
  onDone: () => Promise<unknown>;
  resolution?: { id: string; text: string; ownerName: string; gridId: string };
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    gridId: resolution?.gridId ?? '',
    title: '',
    need: resolution?.text ?? '',
    leadName: '',
    leadOrganizationId: '',
  });
  const choices = useQuery(CONVENE_CHOICES_QUERY, { variables: { gridId: form.gridId || null }, skip: !open });
  const step = useStep(async () => {
    setOpen(false);
    await onDone();
  });
  if (!open)
    return (
      <button type="button" className="button" data-civic="open-project" onClick={() => setOpen(true)}>
        {resolution ? t('civic.makeProject') : t('civic.newProject')}
      </button>
    );
  // As in the convene form: the grids stay listed while the choices of a newly picked grid load.
  const listed = choices.data ?? choices.previousData;
  const grids = [...(listed?.communities.nodes ?? []), ...(listed?.compounds.nodes ?? [])];
  return (
    <form
      className="civic__form"
      data-civic="project"
      onSubmit={(e) => {
        e.preventDefault();
        void step.run(() =>
          client.mutate({
            mutation: CREATE_PROJECT,
            variables: {
              input: {
                gridId: form.gridId,
                title: form.title,
                need: form.need,
                resolutionId: resolution?.id ?? null,
                leadName: form.leadName || null,
                leadOrganizationId: form.leadOrganizationId || null,
              },
            },
          }),
        );
      }}
    >
      {!resolution && (
        <label>
          {t('civic.field.gridId')}
          <select className="input" name="projectGrid" value={form.gridId} onChange={(e) => setForm({ ...form, gridId: e.target.value })}>
            <option value="">{t('civic.pick')}</option>
            {grids.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('civic.field.title')}
        <input className="input" name="projectTitle" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
      </label>
      <label>
        {t('civic.field.need')}
        <input className="input" name="projectNeed" value={form.need} onChange={(e) => setForm({ ...form, need: e.target.value })} />
      </label>
      <label>
        {t('civic.field.leadOrganizationId')}
        <select
          className="input"
          name="leadOrganization"
          value={form.leadOrganizationId}
          onChange={(e) => setForm({ ...form, leadOrganizationId: e.target.value })}
        >
          <option value="">{t('civic.none')}</option>
          {(choices.data?.organizations.nodes ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('civic.field.leadName')}
        <input className="input" name="leadName" value={form.leadName} onChange={(e) => setForm({ ...form, leadName: e.target.value })} />
      </label>
      {step.alert}
      <button type="submit" className="button button--primary" disabled={step.busy}>
        {t('civic.createProject')}
      </button>
      <button type="button" className="button" onClick={() => setOpen(false)}>
        {t('civic.cancel')}
      </button>
    </form>
  );
}

/** A project's 人财物 and milestones, with the steps its keeper takes. */
export function ProjectSummary({ p }: { p: ProjectRow }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <>
      <h3>{p.title}</h3>
      <p>
        {p.gridName} · {t('civic.lead', { name: p.leadName })} · <span className="status-chip">{t(`civic.projectStatus.${p.status}`)}</span>
      </p>
      <p>{p.need}</p>
      {p.summary && <p data-civic="summary">{p.summary}</p>}
      <CasePhotos hashes={p.photos} base="/project-photos" />
      <h4>{t('civic.pledges')}</h4>
      {p.pledges.length === 0 ? (
        <p className="list-empty">{t('civic.noPledges')}</p>
      ) : (
        <ul>
          {p.pledges.map((x) => (
            <li key={x.id} data-pledge={x.kind}>
              {x.pledgerName} · {t(`civic.pledgeKind.${x.kind}`)} {format.count(x.amount)} {x.unit}
              {x.description ? ` · ${x.description}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('civic.milestones')}</h4>
      {p.milestones.length === 0 && <p className="list-empty">{t('civic.noMilestones')}</p>}
    </>
  );
}

function ProjectCard({ p, onChanged }: { p: ProjectRow; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const step = useStep(onChanged);
  const [pledge, setPledge] = useState({
    kind: 'MONEY' as PledgeKind,
    amount: '',
    unit: '',
    pledgerKind: 'ORGANIZATION' as PledgerKind,
    pledgerName: '',
    organizationId: '',
  });
  const [milestone, setMilestone] = useState({ title: '', dueOn: '' });
  const [summary, setSummary] = useState('');
  /** Progress photos picked for the next milestone marked done (base64). */
  const [photos, setPhotos] = useState<string[]>([]);
  const open = p.status === 'IN_PROGRESS';
  return (
    <article className="civic__card" data-project={p.title} data-status={p.status}>
      <ProjectSummary p={p} />
      <ul className="civic__milestones">
        {p.milestones.map((m) => (
          <li key={m.id} data-milestone={m.title} data-status={m.status}>
            <span className="status-chip">{t(`civic.milestoneStatus.${m.status}`)}</span> {m.title} · {format.date(m.dueOn)}
            {open && m.status === 'PENDING' && (
              <button
                type="button"
                className="button"
                data-civic="milestone-done"
                onClick={() =>
                  void step.run(async () => {
                    await client.mutate({ mutation: COMPLETE_MILESTONE, variables: { id: m.id, photos } });
                    setPhotos([]);
                  })
                }
              >
                {t('civic.markDone')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {open && (
        <>
          <label className="civic__check">
            {t('civic.progressPhotos', { n: photos.length })}
            <input
              type="file"
              accept="image/*"
              multiple
              name="progressPhotos"
              onChange={(e) => {
                const files = [...(e.target.files ?? [])].slice(0, 5);
                void Promise.all(files.map(photoForUpload)).then(setPhotos);
              }}
            />
          </label>
          <form
            className="civic__form"
            data-civic="pledge"
            onSubmit={(e) => {
              e.preventDefault();
              void step.run(async () => {
                await client.mutate({
                  mutation: PLEDGE,
                  variables: {
                    projectId: p.id,
                    input: {
                      ...pledge,
                      amount: Number(pledge.amount),
                      pledgerName: pledge.pledgerKind === 'ORGANIZATION' ? null : pledge.pledgerName,
                      organizationId: pledge.pledgerKind === 'ORGANIZATION' ? pledge.organizationId || null : null,
                    },
                  },
                });
                setPledge({ ...pledge, amount: '', unit: '', pledgerName: '', organizationId: '' });
              });
            }}
          >
            <select
              className="input"
              name="pledgeKind"
              aria-label={t('civic.field.kind')}
              value={pledge.kind}
              onChange={(e) => setPledge({ ...pledge, kind: e.target.value as PledgeKind })}
            >
              {PLEDGE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`civic.pledgeKind.${k}`)}
                </option>
              ))}
            </select>
            <input
              className="input"
              name="amount"
              inputMode="decimal"
              placeholder={t('civic.field.amount')}
              value={pledge.amount}
              onChange={(e) => setPledge({ ...pledge, amount: e.target.value })}
            />
            <input
              className="input"
              name="unit"
              placeholder={t('civic.field.unit')}
              value={pledge.unit}
              onChange={(e) => setPledge({ ...pledge, unit: e.target.value })}
            />
            <select
              className="input"
              name="pledgerKind"
              aria-label={t('civic.field.pledgerKind')}
              value={pledge.pledgerKind}
              onChange={(e) => setPledge({ ...pledge, pledgerKind: e.target.value as PledgerKind })}
            >
              {PLEDGER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`civic.pledgerKind.${k}`)}
                </option>
              ))}
            </select>
            <PledgerPicker
              gridId={p.gridId}
              organizational={pledge.pledgerKind === 'ORGANIZATION'}
              value={pledge.pledgerKind === 'ORGANIZATION' ? pledge.organizationId : pledge.pledgerName}
              onChange={(v) =>
                setPledge(pledge.pledgerKind === 'ORGANIZATION' ? { ...pledge, organizationId: v } : { ...pledge, pledgerName: v })
              }
            />
            <button type="submit" className="button" disabled={step.busy}>
              {t('civic.pledge')}
            </button>
          </form>
          <form
            className="civic__form"
            data-civic="milestone"
            onSubmit={(e) => {
              e.preventDefault();
              void step.run(async () => {
                await client.mutate({ mutation: ADD_MILESTONE, variables: { projectId: p.id, input: milestone } });
                setMilestone({ title: '', dueOn: '' });
              });
            }}
          >
            <input
              className="input"
              name="milestoneTitle"
              placeholder={t('civic.field.title')}
              value={milestone.title}
              onChange={(e) => setMilestone({ ...milestone, title: e.target.value })}
            />
            <input
              className="input"
              type="date"
              name="milestoneDue"
              aria-label={t('civic.field.dueOn')}
              value={milestone.dueOn}
              onChange={(e) => setMilestone({ ...milestone, dueOn: e.target.value })}
            />
            <button type="submit" className="button" disabled={step.busy}>
              {t('civic.addMilestone')}
            </button>
          </form>
          <form
            className="civic__form"
            data-civic="complete"
            onSubmit={(e) => {
              e.preventDefault();
              void step.run(() => client.mutate({ mutation: COMPLETE_PROJECT, variables: { id: p.id, version: p.version, summary } }));
            }}
          >
            <input
              className="input"
              name="summary"
              placeholder={t('civic.field.summary')}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
            <button type="submit" className="button button--primary" disabled={step.busy}>
              {t('civic.completeProject')}
            </button>
          </form>
        </>
      )}
      {step.alert}
    </article>
  );
}

/** Who pledges: an organisation of the registry (by id), or a public label typed in (a member, a representative, a resident). */
function PledgerPicker({
  gridId,
  organizational,
  value,
  onChange,
}: {
  gridId: string;
  organizational: boolean;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const choices = useQuery(CONVENE_CHOICES_QUERY, { variables: { gridId }, skip: !organizational });
  if (!organizational)
    return (
      <input
        className="input"
        name="pledgerName"
        placeholder={t('civic.field.pledgerName')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <select
      className="input"
      name="pledgerOrganization"
      aria-label={t('civic.field.organizationId')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{t('civic.pick')}</option>
      {(choices.data?.organizations.nodes ?? []).map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
