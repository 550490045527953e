import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRun, type Run } from '../../graphql/useRun';
import type { GridLevel, LeaderRole, Role } from '../../graphql/generated/graphql';
import { postsLink } from '../../domain/party/postsLink';
import { explained } from './explain';
import { streetDay } from '../../i18n/format';
import { Organisations } from './Organisations';
import { ResidentPicker } from '../../domain/residents/ResidentPicker';
import { ServicePosts } from './ServicePosts';
import { CaseRulesForm } from './CaseRulesForm';
import { DEPARTMENTS_QUERY } from '../../domain/cases/operations';
import {
  APPOINT_LEADER,
  CHANGE_USER_ROLE,
  CREATE_USER,
  END_LEADER,
  GRID_BY_CODE,
  ORGANISATION_CHOICES,
  RESET_USER_PASSWORD,
  SET_USER_DISABLED,
  UPDATE_LEADER_POST,
  USERS_QUERY,
  type ConsoleUser,
} from './operations';

const ROLES: Role[] = ['STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT', 'DEPARTMENT_STAFF', 'ORGANIZATION_STAFF'];
const LEADER_ROLES: LeaderRole[] = ['LEADER', 'DEPUTY', 'WORKER'];

const TABS = ['accounts', 'appointments', 'organisations', 'servicePosts', 'caseRules'] as const;
/** The accounts a community's large-grid leader may make and change (the API's COMMUNITY_MANAGED_ROLES). */
const COMMUNITY_ROLES: Role[] = ['RESIDENT', 'VOLUNTEER', 'GRID_LEADER', 'ORGANIZATION_STAFF'];

/**
 * The street admin's console (管理控制台): accounts (list, search, create, disable or enable,
 * reset a password — a generated password is shown once — change a role), grid leader
 * appointments (a grid by its code, its organisation and current leaders; appoint a resident
 * of it with or without consent to publish their phone, end a post), party organisations by
 * grid level, the party service posts, and the street's case rules. Each grid links to its public posts board.
 */
export function AdminConsole({ scope = 'street' }: { scope?: 'street' | 'community' }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<(typeof TABS)[number]>('accounts');
  // A community's secretary: the accounts of their community only (the API narrows the list and refuses the rest).
  const tabs = scope === 'street' ? TABS : (['accounts'] as const);
  return (
    <main className="app__main console" data-scope={scope}>
      <nav className="console__tabs" aria-label={t('console.title')}>
        {tabs.map((k) => (
          <button key={k} type="button" className="button" aria-pressed={tab === k} data-tab={k} onClick={() => setTab(k)}>
            {t(`console.tab.${k}`)}
          </button>
        ))}
      </nav>
      {tab === 'accounts' && <Accounts roles={scope === 'street' ? ROLES : COMMUNITY_ROLES} />}
      {tab === 'appointments' && <Appointments />}
      {tab === 'organisations' && <Organisations />}
      {tab === 'servicePosts' && <ServicePosts />}
      {tab === 'caseRules' && <CaseRulesForm />}
      <p className="console__note">{t('console.communitySecretary')}</p>
    </main>
  );
}

/** A password the API made: shown this once, with a reminder that it will not be shown again. */
function OncePassword({ login, password }: { login: string; password: string }) {
  const { t } = useTranslation();
  return (
    <p className="console__once" role="status">
      {t('console.oncePassword', { login })} <output data-once-password>{password}</output>
    </p>
  );
}

function Accounts({ roles }: { roles: Role[] }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [search, setSearch] = useState('');
  const { data, loading, error, refetch } = useQuery(USERS_QUERY, {
    variables: { search: search.trim() || null },
    fetchPolicy: 'network-only',
  });
  const settle = useCallback(() => refetch(), [refetch]);
  const { busy, message, run } = useRun(settle);
  const [once, setOnce] = useState<{ login: string; password: string } | null>(null);
  const [changing, setChanging] = useState<ConsoleUser | null>(null);
  const users = data?.users.nodes ?? [];

  const reset = (u: ConsoleUser) =>
    void run(async () => {
      const res = await client.mutate({ mutation: RESET_USER_PASSWORD, variables: { id: u.id, reason: t('console.reasonReset') } });
      const r = res.data!.resetUserPassword;
      setOnce({ login: r.user.login, password: r.password });
    });
  const toggle = (u: ConsoleUser) =>
    void run(() =>
      client.mutate({
        mutation: SET_USER_DISABLED,
        variables: { id: u.id, disabled: !u.disabled, reason: t(u.disabled ? 'console.reasonEnable' : 'console.reasonDisable') },
      }),
    );

  return (
    <div className="console__columns">
      <section className="services__section" data-list="accounts">
        <h2 className="panel__title">{t('console.accounts', { n: data?.users.totalCount ?? 0 })}</h2>
        <label>
          {t('console.search')} <input value={search} onChange={(e) => setSearch(e.target.value)} data-field="search" />
        </label>
        {message && <p role="alert">{message}</p>}
        {once && <OncePassword {...once} />}
        {loading && !data && <p>{t('lists.loading')}</p>}
        {error && !data && <p role="alert">{t('lists.error', { message: errorText(t, error) })}</p>}
        <table className="console__table">
          <thead>
            <tr>
              <th>{t('console.login')}</th>
              <th>{t('console.name')}</th>
              <th>{t('console.role')}</th>
              <th>{t('console.grids')}</th>
              <th>{t('console.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-login={u.login}>
                <td>{u.login}</td>
                <td>{u.displayName}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>{u.organizationName ?? (u.gridCodes.join('、') || '—')}</td>
                <td>{u.disabled ? t('console.disabled') : t('console.active')}</td>
                <td>
                  <button type="button" className="button" disabled={busy} onClick={() => toggle(u)} data-action="toggle-disabled">
                    {u.disabled ? t('console.enable') : t('console.disable')}
                  </button>
                  <button type="button" className="button" disabled={busy} onClick={() => reset(u)} data-action="reset-password">
                    {t('console.resetPassword')}
                  </button>
                  <button type="button" className="button" disabled={busy} onClick={() => setChanging(u)} data-action="change-role">
                    {t('console.changeRole')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {changing ? (
        <ChangeRole key={changing.id} user={changing} roles={roles} busy={busy} run={run} onDone={() => setChanging(null)} />
      ) : (
        <CreateUser roles={roles} busy={busy} run={run} onCreated={setOnce} />
      )}
    </div>
  );
}

/** 变更角色: a new role (and, for a grid leader, the grids they lead by code); the account's sign-ins end. */
function ChangeRole({ user, roles, busy, run, onDone }: { user: ConsoleUser; roles: Role[]; busy: boolean; run: Run; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [role, setRole] = useState<Role>(user.role as Role);
  const [codes, setCodes] = useState(user.gridCodes.join(','));
  const [reason, setReason] = useState(t('console.reasonRole'));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const gridIds: string[] = [];
      if (role === 'GRID_LEADER')
        for (const code of codes.split(/[,，、\s]+/).filter(Boolean)) {
          const found = await client.query({ query: GRID_BY_CODE, variables: { code }, fetchPolicy: 'network-only' });
          if (!found.data?.grid) throw new Error(t('console.noGrid', { code }));
          gridIds.push(found.data.grid.id);
        }
      await explained(t, client.mutate({ mutation: CHANGE_USER_ROLE, variables: { id: user.id, role, reason, gridIds } }));
      onDone();
    });
  };
  return (
    <form className="services__section console__form" onSubmit={submit} data-form="change-role">
      <h2 className="panel__title">
        {t('console.changeRole')} · {user.login}
      </h2>
      <label>
        {t('console.newRole')}{' '}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-field="new-role">
          {/* A department's or organisation's staff account is made for it (新建账号); a role change cannot name one. */}
          {roles
            .filter((r) => (r !== 'DEPARTMENT_STAFF' && r !== 'ORGANIZATION_STAFF') || user.role === r)
            .map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
        </select>
      </label>
      {role === 'GRID_LEADER' && (
        <label>
          {t('console.leaderGrids')}{' '}
          <input required value={codes} onChange={(e) => setCodes(e.target.value)} data-field="role-grid-codes" />
        </label>
      )}
      <label>
        {t('console.reason')} <input required value={reason} onChange={(e) => setReason(e.target.value)} data-field="role-reason" />
      </label>
      <button type="submit" className="button" disabled={busy} data-action="apply-role">
        {t('console.apply')}
      </button>
      <button type="button" className="button" onClick={onDone}>
        {t('console.cancel')}
      </button>
    </form>
  );
}

function CreateUser({
  roles,
  busy,
  run,
  onCreated,
}: {
  roles: Role[];
  busy: boolean;
  run: Run;
  onCreated: (once: { login: string; password: string }) => void;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('RESIDENT');
  const [gridCode, setGridCode] = useState('');
  const [reason, setReason] = useState('');
  const [homeGrid, setHomeGrid] = useState<string | null>(null);
  const [residentId, setResidentId] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const member = role === 'RESIDENT' || role === 'VOLUNTEER';
  const staff = role === 'DEPARTMENT_STAFF';
  const departments = useQuery(DEPARTMENTS_QUERY, { skip: !staff }).data?.departments ?? [];
  const [organizationId, setOrganizationId] = useState('');
  const orgStaff = role === 'ORGANIZATION_STAFF';
  const organisations = useQuery(ORGANISATION_CHOICES, { skip: !orgStaff, fetchPolicy: 'network-only' });
  const orgChoices = organisations.data?.organizations.nodes ?? [];

  const findHome = () =>
    void run(async () => {
      const found = await client.query({ query: GRID_BY_CODE, variables: { code: gridCode.trim() }, fetchPolicy: 'network-only' });
      if (!found.data?.grid) throw new Error(t('console.noGrid', { code: gridCode.trim() }));
      setHomeGrid(found.data.grid.id);
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      let gridIds: string[] = [];
      if (role === 'GRID_LEADER') {
        const found = await client.query({ query: GRID_BY_CODE, variables: { code: gridCode.trim() }, fetchPolicy: 'network-only' });
        if (!found.data?.grid) throw new Error(t('console.noGrid', { code: gridCode.trim() }));
        gridIds = [found.data.grid.id];
      }
      const input = {
        login,
        displayName: name,
        role,
        gridIds,
        reason,
        residentId: member && residentId ? residentId : null,
        departmentId: staff ? departmentId || null : null,
        organizationId: orgStaff ? organizationId || null : null,
      };
      const res = await client.mutate({ mutation: CREATE_USER, variables: { input } });
      const made = res.data!.createUser;
      if (made.password) onCreated({ login: made.user.login, password: made.password });
      setLogin('');
      setName('');
      setGridCode('');
      setReason('');
      setHomeGrid(null);
      setResidentId('');
      setDepartmentId('');
      setOrganizationId('');
    });
  };

  return (
    <form className="services__section console__form" onSubmit={submit} data-form="create-user">
      <h2 className="panel__title">{t('console.createUser')}</h2>
      <label>
        {t('console.login')} <input required value={login} onChange={(e) => setLogin(e.target.value)} data-field="login" />
      </label>
      <label>
        {t('console.name')} <input required value={name} onChange={(e) => setName(e.target.value)} data-field="name" />
      </label>
      <label>
        {t('console.role')}{' '}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-field="role">
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {role === 'GRID_LEADER' && (
        <label>
          {t('console.gridCode')} <input required value={gridCode} onChange={(e) => setGridCode(e.target.value)} data-field="grid-code" />
        </label>
      )}
      {staff && (
        <label>
          {t('console.department')}{' '}
          <select required value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} data-field="department">
            <option value="">{t('console.pickDepartment')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {orgStaff && (
        <label>
          {t('console.organisation')}{' '}
          <select required value={organizationId} onChange={(e) => setOrganizationId(e.target.value)} data-field="organisation">
            <option value="">{t('console.pickOrganisation')}</option>
            {orgChoices.map((o) => (
              <option key={o.id} value={o.id}>
                {t('console.organisationOption', { name: o.name, kind: t(`organizations.kind.${o.kind}`) })}
              </option>
            ))}
          </select>
        </label>
      )}
      {orgStaff && organisations.data && !orgChoices.length && <p role="status">{t('console.noOrganisations')}</p>}
      {member && (
        <>
          <label>
            {t('console.homeGridCode')} <input value={gridCode} onChange={(e) => setGridCode(e.target.value)} data-field="home-grid-code" />
          </label>
          <button type="button" className="button" onClick={findHome} data-action="find-home">
            {t('console.find')}
          </button>
          {homeGrid && <ResidentPicker gridId={homeGrid} value={residentId} onChange={setResidentId} />}
        </>
      )}
      <label>
        {t('console.reason')} <input required value={reason} onChange={(e) => setReason(e.target.value)} data-field="reason" />
      </label>
      <button type="submit" className="button" disabled={busy} data-action="create-user">
        {t('console.create')}
      </button>
    </form>
  );
}

function Appointments() {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [code, setCode] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const grid = useQuery(GRID_BY_CODE, { variables: { code: asked ?? '' }, skip: !asked, fetchPolicy: 'network-only' });
  const g = grid.data?.grid ?? null;
  const settle = useCallback(() => (asked ? grid.refetch() : undefined), [asked, grid]);
  const { busy, message, run } = useRun(settle);
  const [residentId, setResidentId] = useState('');
  const [role, setRole] = useState<LeaderRole>('LEADER');
  const [since, setSince] = useState(() => streetDay());
  const [publishContact, setPublishContact] = useState(false);
  const [officePhone, setOfficePhone] = useState('');
  const [duties, setDuties] = useState('');

  const appoint = (e: FormEvent) => {
    e.preventDefault();
    if (!g) return;
    void run(() =>
      explained(
        t,
        client.mutate({
          mutation: APPOINT_LEADER,
          variables: { input: { gridId: g.id, residentId, role, since, publishContact, officePhone, duties } },
        }),
      ),
    );
  };

  return (
    <div className="console__columns">
      <section className="services__section" data-list="appointments">
        <h2 className="panel__title">{t('console.appointments')}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setAsked(code.trim());
          }}
        >
          <label>
            {t('console.gridCode')} <input value={code} onChange={(e) => setCode(e.target.value)} data-field="appoint-grid-code" />
          </label>
          <button type="submit" className="button" data-action="find-grid">
            {t('console.find')}
          </button>
        </form>
        {message && <p role="alert">{message}</p>}
        {asked && grid.data && !g && <p role="alert">{t('console.noGrid', { code: asked })}</p>}
        {g && (
          <>
            <h3>
              {g.name}（{t(`level.${g.level as GridLevel}`)}）
            </h3>
            <p>
              <a href={postsLink(g.code)} target="_blank" rel="noreferrer" data-action="posts-page">
                {t('console.postsPage')}
              </a>
            </p>
            <p>
              {g.partyOrganization
                ? t('console.organisation', { name: g.partyOrganization.name, secretary: g.partyOrganization.secretaryName ?? '—' })
                : t('console.noOrganisation')}
            </p>
            <ul className="services__list" data-list="leaders">
              {g.leaders.map((l) => (
                <li key={l.id}>
                  {t(`console.leaderRole.${l.role}`)} {l.name} · {t('console.since', { date: l.since })} ·{' '}
                  {l.publishContact ? t('console.published') : t('console.notPublished')}{' '}
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    data-action="toggle-publish"
                    onClick={() =>
                      void run(() =>
                        explained(
                          t,
                          client.mutate({
                            mutation: UPDATE_LEADER_POST,
                            variables: { id: l.id, input: { publishContact: !l.publishContact } },
                          }),
                        ),
                      )
                    }
                  >
                    {l.publishContact ? t('console.unpublish') : t('console.publish')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    data-action="end-leader"
                    onClick={() => void run(() => explained(t, client.mutate({ mutation: END_LEADER, variables: { id: l.id } })))}
                  >
                    {t('console.endPost')}
                  </button>
                </li>
              ))}
            </ul>
            <form className="console__form" onSubmit={appoint} data-form="appoint">
              <ResidentPicker gridId={g.id} value={residentId} onChange={setResidentId} />
              <label>
                {t('console.post')}{' '}
                <select value={role} onChange={(e) => setRole(e.target.value as LeaderRole)} data-field="leader-role">
                  {LEADER_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`console.leaderRole.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('console.sinceLabel')} <input type="date" value={since} onChange={(e) => setSince(e.target.value)} data-field="since" />
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={publishContact}
                  onChange={(e) => setPublishContact(e.target.checked)}
                  data-field="publish-contact"
                />{' '}
                {t('console.publishContact')}
              </label>
              <label>
                {t('console.officePhone')}{' '}
                <input value={officePhone} onChange={(e) => setOfficePhone(e.target.value)} data-field="office-phone" />
              </label>
              <label>
                {t('console.duties')} <input value={duties} onChange={(e) => setDuties(e.target.value)} data-field="duties" />
              </label>
              <button type="submit" className="button" disabled={busy || !residentId} data-action="appoint">
                {t('console.appoint')}
              </button>
            </form>
          </>
        )}
      </section>
    </div>
  );
}
