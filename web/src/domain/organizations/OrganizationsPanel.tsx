import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind } from '../../graphql/generated/graphql';
import { streetDay } from '../../i18n/format';
import {
  ADD_MEMBER,
  ARCHIVE_ORGANIZATION,
  CREATE_ORGANIZATION,
  MEDIATIONS,
  ORGANIZATION_GRIDS,
  ORGANIZATIONS,
  RECORD_MEDIATION,
  REMOVE_MEMBER,
  SET_NO_PROPERTY_COMPANY,
} from './operations';
import { OrganizationEditor } from './OrganizationEditor';
import { PublicRoles } from './PublicRoles';

const KINDS: OrganizationKind[] = ['OWNERS_COMMITTEE', 'PROPERTY_COMPANY', 'CO_BUILDING_UNIT', 'SOCIAL_ORGANIZATION', 'COUNCIL'];
const names = (text: string) =>
  text
    .split(/[,，、\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);

/** An error of a step, in words, with the field at fault when the API names one. */
function useFailure() {
  const { t } = useTranslation();
  return (error: unknown) => errorText(t, error);
}

/**
 * 五方联动 and 一约四会 for a community's secretary or a compound's leader: the organisations of their
 * grids (业委会, 物业公司, 共建单位, 社会组织, the councils with their members), registering and archiving
 * them, the "no property company" mark of a compound, and the mediation log (矛盾调解).
 */
export function OrganizationsPanel() {
  const { t } = useTranslation();
  const client = useApolloClient();
  const failure = useFailure();
  const grids = useQuery(ORGANIZATION_GRIDS);
  const list = useQuery(ORGANIZATIONS, { variables: {} });
  const [message, setMessage] = useState<string | null>(null);
  const places = [...(grids.data?.large.nodes ?? []), ...(grids.data?.medium.nodes ?? [])];
  const compounds = grids.data?.medium.nodes ?? [];
  const [form, setForm] = useState({
    gridId: '',
    kind: 'PROPERTY_COMPANY' as OrganizationKind,
    name: '',
    duties: '',
    contact: '',
    phone: '',
  });
  const [published, setPublished] = useState(true);
  const [member, setMember] = useState<{ organizationId: string; name: string; role: string }>({ organizationId: '', name: '', role: '' });

  const [editing, setEditing] = useState<string | null>(null);
  /** The member just removed, for 撤销 (added again as they were). */
  const [removed, setRemoved] = useState<{ organizationId: string; name: string; role: string; residentId?: string | null } | null>(null);

  const act = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    setMessage(null);
    try {
      await work();
      await Promise.all([list.refetch(), grids.refetch()]);
      setMessage(done);
      return true;
    } catch (error) {
      setMessage(t('organizations.error', { message: failure(error) }));
      // A stale version (CONFLICT) or a refusal: show what is there now.
      await list.refetch().catch(() => undefined);
      return false;
    }
  };
  const removeMember = async (organizationId: string, m: { id: string; name: string; role: string; residentId?: string | null }) => {
    setRemoved(null);
    const ok = await act(
      () => client.mutate({ mutation: REMOVE_MEMBER, variables: { id: m.id } }),
      t('organizations.memberRemoved', { name: m.name }),
    );
    if (ok) setRemoved({ organizationId, name: m.name, role: m.role, residentId: m.residentId });
  };
  const undoRemove = async () => {
    if (!removed) return;
    const input = removed.residentId
      ? { organizationId: removed.organizationId, residentId: removed.residentId, role: removed.role }
      : { organizationId: removed.organizationId, name: removed.name, role: removed.role };
    if (await act(() => client.mutate({ mutation: ADD_MEMBER, variables: { input } }), t('organizations.restored', { name: removed.name })))
      setRemoved(null);
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    const gridId = form.gridId || places[0]?.id;
    if (!gridId) return;
    const contacts = form.contact.trim() ? [{ name: form.contact, phone: form.phone.trim() || null }] : [];
    void act(async () => {
      await client.mutate({
        mutation: CREATE_ORGANIZATION,
        variables: { input: { gridId, kind: form.kind, name: form.name, duties: form.duties, contacts, published } },
      });
      setForm((f) => ({ ...f, name: '', duties: '', contact: '', phone: '' }));
    }, t('organizations.saved'));
  };
  const addMember = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await client.mutate({ mutation: ADD_MEMBER, variables: { input: member } });
      setMember((m) => ({ ...m, name: '', role: '' }));
    }, t('organizations.saved'));
  };
  const orgs = list.data?.organizations.nodes ?? [];
  const editable = orgs.filter((o) => o.canEdit);
  const placeName = (id: string) => places.find((p) => p.id === id)?.name ?? '';

  return (
    <section className="services__section" data-list="organizations">
      <h2 className="panel__title">{t('organizations.heading', { n: orgs.length })}</h2>
      {orgs.length === 0 ? (
        <p>{t('organizations.empty')}</p>
      ) : (
        <ul className="services__list">
          {orgs.map((o) => (
            <li key={o.id} className="services__row" data-organization-id={o.id}>
              <strong>{o.name}</strong> · {t(`organizations.kind.${o.kind}`)} · {placeName(o.gridId)}
              {!o.published && ` · ${t('organizations.unpublished')}`}
              {o.duties && <div>{t('organizations.dutiesShown', { duties: o.duties })}</div>}
              {o.contacts.map((c) => (
                <div key={`${c.name}${c.phone ?? ''}`}>{t('organizations.contactShown', { name: c.name, phone: c.phone ?? '—' })}</div>
              ))}
              {o.members.length > 0 &&
                (o.canEdit ? (
                  <ul className="organizations__members" data-list="members">
                    {o.members.map((m) => (
                      <li key={m.id} data-member-id={m.id}>
                        {m.name}（{m.role}）
                        <button
                          type="button"
                          className="button"
                          data-action="remove-member"
                          aria-label={t('organizations.removeMemberNamed', { name: m.name })}
                          onClick={() => void removeMember(o.id, m)}
                        >
                          {t('organizations.removeMember')}
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <div>{t('organizations.membersShown', { members: o.members.map((m) => `${m.name}（${m.role}）`).join('、') })}</div>
                ))}
              {o.canEdit && editing === o.id && <OrganizationEditor org={o} run={act} onClose={() => setEditing(null)} />}
              {o.canEdit && editing !== o.id && (
                <button type="button" className="button" data-action="edit-organization" onClick={() => setEditing(o.id)}>
                  {t('organizations.edit')}
                </button>
              )}
              {o.canEdit && (
                <button
                  type="button"
                  className="button"
                  data-action="archive-organization"
                  onClick={() =>
                    void act(
                      () => client.mutate({ mutation: ARCHIVE_ORGANIZATION, variables: { id: o.id, version: o.version } }),
                      t('organizations.archived'),
                    )
                  }
                >
                  {t('organizations.archive')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {places.length > 0 && (
        <form onSubmit={create} data-form="create-organization">
          <h3>{t('organizations.create')}</h3>
          <label>
            {t('organizations.grid')}
            <select className="input" value={form.gridId} onChange={(e) => setForm({ ...form, gridId: e.target.value })}>
              {places.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('organizations.kindLabel')}
            <select
              className="input"
              name="organization-kind"
              value={form.kind}
              onChange={(e) => setForm({ ...form, kind: e.target.value as OrganizationKind })}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`organizations.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {(['name', 'duties', 'contact', 'phone'] as const).map((f) => (
            <label key={f}>
              {t(`organizations.${f}`)}
              <input
                className="input"
                name={`organization-${f}`}
                value={form[f]}
                onChange={(e) => setForm({ ...form, [f]: e.target.value })}
              />
            </label>
          ))}
          <label>
            <input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} />
            {t('organizations.publish')}
          </label>
          <button type="submit" className="button" data-action="create-organization" disabled={!form.name.trim()}>
            {t('organizations.create')}
          </button>
        </form>
      )}
      {editable.length > 0 && (
        <form onSubmit={addMember} data-form="add-member">
          <h3>{t('organizations.addMember')}</h3>
          <select
            className="input"
            aria-label={t('organizations.organization')}
            value={member.organizationId}
            onChange={(e) => setMember({ ...member, organizationId: e.target.value })}
          >
            <option value="">{t('organizations.pick')}</option>
            {editable.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <input
            className="input"
            aria-label={t('organizations.memberName')}
            placeholder={t('organizations.memberName')}
            value={member.name}
            onChange={(e) => setMember({ ...member, name: e.target.value })}
          />
          <input
            className="input"
            aria-label={t('organizations.memberRole')}
            placeholder={t('organizations.memberRole')}
            value={member.role}
            onChange={(e) => setMember({ ...member, role: e.target.value })}
          />
          <button type="submit" className="button" disabled={!member.organizationId || !member.name.trim() || !member.role.trim()}>
            {t('organizations.addMember')}
          </button>
        </form>
      )}
      {compounds.length > 0 && (
        <ul className="services__list" data-list="no-property-company">
          {compounds.map((g) => (
            <li key={g.id} className="services__row">
              <label>
                <input
                  type="checkbox"
                  checked={g.noPropertyCompany}
                  onChange={(e) =>
                    void act(
                      () => client.mutate({ mutation: SET_NO_PROPERTY_COMPANY, variables: { gridId: g.id, value: e.target.checked } }),
                      t('organizations.saved'),
                    )
                  }
                />
                {t('organizations.noPropertyCompany', { name: g.name })}
              </label>
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p role="status">
          {message}
          {removed && (
            <button type="button" className="button" data-action="undo-remove-member" onClick={() => void undoRemove()}>
              {t('organizations.undo')}
            </button>
          )}
        </p>
      )}
      <PublicRoles places={places} />
      <MediationLog councils={editable.filter((o) => o.kind === 'COUNCIL')} gridId={places[0]?.id ?? null} />
    </section>
  );
}

/** 矛盾调解: the latest mediation records and a form for one without a case (a case's own is in its panel). */
function MediationLog({ councils, gridId }: { councils: { id: string; name: string }[]; gridId: string | null }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const failure = useFailure();
  const list = useQuery(MEDIATIONS);
  const [form, setForm] = useState({ parties: '', issue: '', agreement: '', mediatedOn: streetDay(), followUpOn: '', organizationId: '' });
  const [message, setMessage] = useState<string | null>(null);
  const records = list.data?.mediationRecords.nodes ?? [];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      await client.mutate({
        mutation: RECORD_MEDIATION,
        variables: {
          input: {
            gridId,
            parties: names(form.parties),
            issue: form.issue,
            agreement: form.agreement || null,
            mediatedOn: form.mediatedOn,
            followUpOn: form.followUpOn || null,
            organizationId: form.organizationId || null,
          },
        },
      });
      setForm((f) => ({ ...f, parties: '', issue: '', agreement: '', followUpOn: '' }));
      await list.refetch();
      setMessage(t('organizations.saved'));
    } catch (error) {
      setMessage(t('organizations.error', { message: failure(error) }));
    }
  };
  return (
    <div data-list="mediations">
      <h3>{t('mediation.heading', { n: records.length })}</h3>
      {records.length === 0 ? (
        <p>{t('mediation.empty')}</p>
      ) : (
        <ul className="services__list">
          {records.map((r) => (
            <li key={r.id} className="services__row">
              {t('mediation.row', {
                day: r.mediatedOn,
                parties: r.parties.join('、'),
                issue: r.issue,
                agreement: r.agreement ?? t('mediation.noAgreement'),
              })}
              {r.followUpOn && ` · ${t('mediation.followUpShown', { day: r.followUpOn })}`}
            </li>
          ))}
        </ul>
      )}
      {gridId && (
        <form onSubmit={(e) => void submit(e)} data-form="record-mediation">
          <MediationFields form={form} setForm={setForm} councils={councils} />
          <button
            type="submit"
            className="button"
            data-action="record-mediation"
            disabled={!form.issue.trim() || names(form.parties).length < 2}
          >
            {t('mediation.record')}
          </button>
        </form>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  );
}

export interface MediationForm {
  parties: string;
  issue: string;
  agreement: string;
  mediatedOn: string;
  followUpOn: string;
  organizationId: string;
}

/** The fields of a mediation record (parties separated by commas or spaces). */
export function MediationFields({
  form,
  setForm,
  councils,
}: {
  form: MediationForm;
  setForm: (f: MediationForm) => void;
  councils: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const text = (name: 'parties' | 'issue' | 'agreement') => (
    <label>
      {t(`mediation.${name}`)}
      <input
        className="input"
        name={`mediation-${name}`}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  );
  return (
    <>
      {text('parties')}
      {text('issue')}
      {text('agreement')}
      <label>
        {t('mediation.mediatedOn')}
        <input className="input" type="date" value={form.mediatedOn} onChange={(e) => setForm({ ...form, mediatedOn: e.target.value })} />
      </label>
      <label>
        {t('mediation.followUpOn')}
        <input className="input" type="date" value={form.followUpOn} onChange={(e) => setForm({ ...form, followUpOn: e.target.value })} />
      </label>
      {councils.length > 0 && (
        <label>
          {t('mediation.council')}
          <select className="input" value={form.organizationId} onChange={(e) => setForm({ ...form, organizationId: e.target.value })}>
            <option value="">{t('mediation.noCouncil')}</option>
            {councils.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
