import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRun, type Run } from '../../graphql/useRun';
import type { GridLevel, LeaderRole, Role } from '../../graphql/generated/graphql';
import {
  APPOINT_LEADER,
  CREATE_USER,
  END_LEADER,
  GRID_BY_CODE,
  GRID_RESIDENTS,
  RESET_USER_PASSWORD,
  SET_USER_DISABLED,
  USERS_QUERY,
  type ConsoleUser,
} from './operations';

const ROLES: Role[] = ['STREET_ADMIN', 'OPERATOR', 'GRID_LEADER', 'VOLUNTEER', 'RESIDENT'];
const LEADER_ROLES: LeaderRole[] = ['LEADER', 'DEPUTY', 'WORKER'];

/**
 * The street admin's console (管理控制台): accounts (list, search, create, disable or enable,
 * reset a password — a generated password is shown once) and grid leader appointments (a grid
 * by its code, its organisation and current leaders; appoint a resident of it, end a post).
 */
export function AdminConsole() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'accounts' | 'appointments'>('accounts');
  return (
    <main className="app__main console">
      <nav className="console__tabs" aria-label={t('console.title')}>
        {(['accounts', 'appointments'] as const).map((k) => (
          <button key={k} type="button" className="button" aria-pressed={tab === k} data-tab={k} onClick={() => setTab(k)}>
            {t(`console.tab.${k}`)}
          </button>
        ))}
      </nav>
      {tab === 'accounts' ? <Accounts /> : <Appointments />}
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

function Accounts() {
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
        {error && !data && <p role="alert">{t('lists.error', { message: error.message })}</p>}
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
                <td>{u.gridCodes.join('、') || '—'}</td>
                <td>{u.disabled ? t('console.disabled') : t('console.active')}</td>
                <td>
                  <button type="button" className="button" disabled={busy} onClick={() => toggle(u)} data-action="toggle-disabled">
                    {u.disabled ? t('console.enable') : t('console.disable')}
                  </button>
                  <button type="button" className="button" disabled={busy} onClick={() => reset(u)} data-action="reset-password">
                    {t('console.resetPassword')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <CreateUser busy={busy} run={run} onCreated={setOnce} />
    </div>
  );
}

function CreateUser({ busy, run, onCreated }: { busy: boolean; run: Run; onCreated: (once: { login: string; password: string }) => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('RESIDENT');
  const [gridCode, setGridCode] = useState('');
  const [reason, setReason] = useState('');
  const [homeGrid, setHomeGrid] = useState<string | null>(null);
  const [residentId, setResidentId] = useState('');
  const member = role === 'RESIDENT' || role === 'VOLUNTEER';

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
      const input = { login, displayName: name, role, gridIds, reason, residentId: member && residentId ? residentId : null };
      const res = await client.mutate({ mutation: CREATE_USER, variables: { input } });
      const made = res.data!.createUser;
      if (made.password) onCreated({ login: made.user.login, password: made.password });
      setLogin('');
      setName('');
      setGridCode('');
      setReason('');
      setHomeGrid(null);
      setResidentId('');
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
          {ROLES.map((r) => (
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

/** A resident of a grid, chosen by name (their birth year and party membership tell namesakes apart). */
function ResidentPicker({ gridId, value, onChange }: { gridId: string; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const residents = useQuery(GRID_RESIDENTS, { variables: { gridId, search: search.trim() || null }, fetchPolicy: 'network-only' });
  return (
    <>
      <label>
        {t('console.searchResident')} <input value={search} onChange={(e) => setSearch(e.target.value)} data-field="resident-search" />
      </label>
      <label>
        {t('console.resident')}{' '}
        <select required value={value} onChange={(e) => onChange(e.target.value)} data-field="resident">
          <option value="">{t('console.choose')}</option>
          {(residents.data?.residents.nodes ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}（{r.birthYear}
              {r.isPartyMember ? `，${t('console.partyMember')}` : ''}）
            </option>
          ))}
        </select>
      </label>
    </>
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
  const [since, setSince] = useState(() => new Date().toISOString().slice(0, 10));

  const appoint = (e: FormEvent) => {
    e.preventDefault();
    if (!g) return;
    void run(() => client.mutate({ mutation: APPOINT_LEADER, variables: { input: { gridId: g.id, residentId, role, since } } }));
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
              {g.partyOrganization
                ? t('console.organisation', { name: g.partyOrganization.name, secretary: g.partyOrganization.secretaryName ?? '—' })
                : t('console.noOrganisation')}
            </p>
            <ul className="services__list" data-list="leaders">
              {g.leaders.map((l) => (
                <li key={l.id}>
                  {t(`console.leaderRole.${l.role}`)} {l.name} · {t('console.since', { date: l.since })}{' '}
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    data-action="end-leader"
                    onClick={() => void run(() => client.mutate({ mutation: END_LEADER, variables: { id: l.id } }))}
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
