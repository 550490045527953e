import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postsLink } from '../../domain/party/postsLink';
import type { GridLevel, PartyOrgLevel } from '../../graphql/generated/graphql';
import { useRun } from '../../graphql/useRun';
import { explained } from './explain';
import {
  CREATE_ORGANISATION,
  DISSOLVE_ORGANISATION,
  ORGANISATIONS_BY_LEVEL,
  STREET_COMMITTEES,
  UPDATE_ORGANISATION,
  type OrganisationRow,
} from './operations';
import { CentralHouseholds } from './CentralHouseholds';
import { ResidentPicker } from '../../domain/residents/ResidentPicker';

type Level = GridLevel | 'STREET';
const LEVELS: Level[] = ['STREET', 'LARGE', 'MEDIUM', 'SMALL'];
/** The organisation level each grid level (and the street) is aligned to (五级链条 ↔ 网格). */
const ORG_LEVEL: Record<Level, PartyOrgLevel> = {
  STREET: 'STREET_COMMITTEE',
  LARGE: 'COMMUNITY',
  MEDIUM: 'COMPOUND_BRANCH',
  SMALL: 'BUILDING_GROUP',
};

/**
 * 党组织: the grids of one level with their organisation; create one for a grid without,
 * rename it, appoint its secretary and deputy from the grid's party members (with their
 * consent to publish a phone), set its office number, or dissolve it. A broken rule is
 * answered in words naming it.
 */
export function Organisations() {
  const { t } = useTranslation();
  const [level, setLevel] = useState<Level>('LARGE');
  const street = level === 'STREET';
  const grids = useQuery(ORGANISATIONS_BY_LEVEL, {
    variables: { level: street ? 'LARGE' : level },
    fetchPolicy: 'network-only',
    skip: street,
  });
  const streets = useQuery(STREET_COMMITTEES, { fetchPolicy: 'network-only', skip: !street });
  const { data, loading, error } = street ? streets : grids;
  const refetch = street ? streets.refetch : grids.refetch;
  const settle = useCallback(() => refetch(), [refetch]);
  const { busy, message, run } = useRun(settle);
  const [editing, setEditing] = useState<OrganisationRow | null>(null);
  const [central, setCentral] = useState<OrganisationRow | null>(null);
  const rows: OrganisationRow[] = street
    ? (streets.data?.streets ?? []).map((s) => ({
        id: s.id,
        code: '',
        name: s.name,
        level: 'STREET',
        partyOrganization: s.partyOrganization,
      }))
    : (grids.data?.grids.nodes ?? []);
  const total = street ? rows.length : (grids.data?.grids.totalCount ?? 0);
  const client = useApolloClient();

  return (
    <div className="console__columns">
      <section className="services__section" data-list="organisations">
        <h2 className="panel__title">{t('console.orgList', { n: total })}</h2>
        <label>
          {t('console.gridLevel')}{' '}
          <select
            value={level}
            onChange={(e) => {
              setLevel(e.target.value as Level);
              setEditing(null);
              setCentral(null);
            }}
            data-field="org-level"
          >
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l === 'STREET' ? t('console.streetLevel') : t(`level.${l}`)}（{t(`posts.orgLevel.${ORG_LEVEL[l]}`)}）
              </option>
            ))}
          </select>
        </label>
        {message && <p role="alert">{message}</p>}
        {loading && !data && <p>{t('lists.loading')}</p>}
        {error && !data && <p role="alert">{t('lists.error', { message: errorText(t, error) })}</p>}
        <table className="console__table">
          <thead>
            <tr>
              <th>{t('console.gridCode')}</th>
              <th>{t('console.orgName')}</th>
              <th>{t('console.secretary')}</th>
              <th>{t('console.deputy')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => {
              const o = g.partyOrganization;
              return (
                <tr key={g.id} data-grid={g.code || undefined} data-street={g.level === 'STREET' ? g.id : undefined}>
                  <td>
                    {g.code && (
                      <>
                        <a href={postsLink(g.code)} target="_blank" rel="noreferrer">
                          {g.code}
                        </a>
                        <br />
                      </>
                    )}
                    {g.name}
                  </td>
                  <td>{o?.name ?? t('console.noOrg')}</td>
                  <td>
                    {o?.secretaryName ?? t('console.none')}
                    {o?.secretaryPublishContact ? `（${t('console.published')}）` : ''}
                  </td>
                  <td>
                    {o?.deputySecretaryName ?? t('console.none')}
                    {o?.deputyPublishContact ? `（${t('console.published')}）` : ''}
                  </td>
                  <td>
                    <button type="button" className="button" disabled={busy} onClick={() => setEditing(g)} data-action="edit-org">
                      {o ? t('console.editOrg') : t('console.createOrg')}
                    </button>
                    {o && (
                      <button
                        type="button"
                        className="button"
                        disabled={busy}
                        data-action="dissolve-org"
                        onClick={() =>
                          void run(() => explained(t, client.mutate({ mutation: DISSOLVE_ORGANISATION, variables: { id: o.id } })))
                        }
                      >
                        {t('console.dissolveOrg')}
                      </button>
                    )}
                    {o && g.level === 'SMALL' && (
                      <button
                        type="button"
                        className="button"
                        disabled={busy}
                        onClick={() => setCentral(g)}
                        data-action="central-households"
                      >
                        {t('console.central.open')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {editing && <OrganisationForm key={editing.id} grid={editing} busy={busy} run={run} onDone={() => setEditing(null)} />}
      {central && <CentralHouseholds key={central.id} grid={central} busy={busy} run={run} onDone={() => setCentral(null)} />}
    </div>
  );
}

function OrganisationForm({
  grid,
  busy,
  run,
  onDone,
}: {
  grid: OrganisationRow;
  busy: boolean;
  run: ReturnType<typeof useRun>['run'];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const org = grid.partyOrganization;
  const [name, setName] = useState(org?.name ?? '');
  const [secretaryId, setSecretaryId] = useState('');
  const [deputyId, setDeputyId] = useState('');
  const [secretaryConsent, setSecretaryConsent] = useState(org?.secretaryPublishContact ?? false);
  const [deputyConsent, setDeputyConsent] = useState(org?.deputyPublishContact ?? false);
  const [officePhone, setOfficePhone] = useState(org?.officePhone ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const people = {
        secretaryId: secretaryId || null,
        deputySecretaryId: deputyId || null,
        secretaryPublishContact: secretaryConsent,
        deputyPublishContact: deputyConsent,
        officePhone,
      };
      if (org) await explained(t, client.mutate({ mutation: UPDATE_ORGANISATION, variables: { id: org.id, input: { name, ...people } } }));
      else
        await explained(
          t,
          client.mutate({
            mutation: CREATE_ORGANISATION,
            variables: {
              input:
                grid.level === 'STREET'
                  ? { level: 'STREET_COMMITTEE', streetId: grid.id, name, ...people }
                  : { level: ORG_LEVEL[grid.level], gridId: grid.id, name, ...people },
            },
          }),
        );
      onDone();
    });
  };

  return (
    <form className="services__section console__form" onSubmit={submit} data-form="organisation">
      <h2 className="panel__title">
        {org ? t('console.editOrg') : t('console.createOrg')} · {grid.name}
      </h2>
      <label>
        {t('console.orgName')} <input required value={name} onChange={(e) => setName(e.target.value)} data-field="org-name" />
      </label>
      <ResidentPicker
        gridId={grid.level === 'STREET' ? null : grid.id}
        value={secretaryId}
        onChange={setSecretaryId}
        partyOnly
        label={t('console.pickSecretary')}
        field="secretary"
        required={false}
      />
      <label>
        <input
          type="checkbox"
          checked={secretaryConsent}
          onChange={(e) => setSecretaryConsent(e.target.checked)}
          data-field="secretary-consent"
        />
        {` ${t('console.publishContact')}（${t('console.secretary')}）`}
      </label>
      <ResidentPicker
        gridId={grid.level === 'STREET' ? null : grid.id}
        value={deputyId}
        onChange={setDeputyId}
        partyOnly
        label={t('console.pickDeputy')}
        field="deputy"
        required={false}
      />
      <label>
        <input type="checkbox" checked={deputyConsent} onChange={(e) => setDeputyConsent(e.target.checked)} data-field="deputy-consent" />
        {` ${t('console.publishContact')}（${t('console.deputy')}）`}
      </label>
      <label>
        {t('console.officePhone')}{' '}
        <input value={officePhone} onChange={(e) => setOfficePhone(e.target.value)} data-field="org-office-phone" />
      </label>
      <button type="submit" className="button" disabled={busy} data-action="save-org">
        {t('console.save')}
      </button>
      <button type="button" className="button" onClick={onDone}>
        {t('console.cancel')}
      </button>
    </form>
  );
}
