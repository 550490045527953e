import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { useRun } from '../../graphql/useRun';
import { explained } from './explain';
import { CENTRAL_CANDIDATES, CREATE_ORGANISATION, DISSOLVE_ORGANISATION, type OrganisationRow } from './operations';

/** One small grid's households are fewer than this (the demo street's largest has ~250). */
const HOUSEHOLDS_OF_A_GRID = 500;

/**
 * 党员中心户 of one small grid: its central households (dissolve one), and the homes of party
 * members that are not one yet (make one, named after the address by default). Under the
 * grid's building group (楼栋党小组); the leader then links its 5–15 households in their
 * workspace. A broken rule is answered in words naming it.
 */
export function CentralHouseholds({
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
  const { data, loading, refetch } = useQuery(CENTRAL_CANDIDATES, {
    variables: { gridId: grid.id, first: HOUSEHOLDS_OF_A_GRID },
    fetchPolicy: 'network-only',
  });
  const [householdId, setHouseholdId] = useState('');
  const [name, setName] = useState('');
  const households = data?.households.nodes ?? [];
  const central = households.filter((h) => h.centralHousehold?.householdId === h.id);
  const candidates = households.filter(
    (h) => h.centralHousehold?.householdId !== h.id && h.residents.some((r) => r.isPartyMember || r.isInServicePartyMember),
  );
  const pick = (id: string) => {
    setHouseholdId(id);
    const h = candidates.find((c) => c.id === id);
    setName(h ? t('console.central.defaultName', { address: h.address }) : '');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await explained(
        t,
        client.mutate({ mutation: CREATE_ORGANISATION, variables: { input: { level: 'CENTRAL_HOUSEHOLD', householdId, name } } }),
      );
      setHouseholdId('');
      setName('');
      await refetch();
    });
  };
  return (
    <section className="services__section console__form" data-form="central-households" aria-label={t('console.central.title')}>
      <h2 className="panel__title">
        {t('console.central.title')} · {grid.name}
      </h2>
      {loading && !data ? (
        <p>{t('console.loading')}</p>
      ) : (
        <>
          {central.length === 0 ? (
            <p className="services__empty">{t('console.central.none')}</p>
          ) : (
            <ul className="entity-list">
              {central.map((h) => (
                <li key={h.id} data-central-household={h.id}>
                  {h.centralHousehold!.name}（{h.address}）
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    data-action="dissolve-central"
                    onClick={() =>
                      void run(async () => {
                        await explained(t, client.mutate({ mutation: DISSOLVE_ORGANISATION, variables: { id: h.centralHousehold!.id } }));
                        await refetch();
                      })
                    }
                  >
                    {t('console.dissolveOrg')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={submit}>
            <label>
              {t('console.central.household')}{' '}
              <select required value={householdId} onChange={(e) => pick(e.target.value)} data-field="central-household">
                <option value="">{candidates.length ? t('console.central.pick') : t('console.central.noCandidates')}</option>
                {candidates.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.address}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('console.orgName')} <input required value={name} onChange={(e) => setName(e.target.value)} data-field="central-name" />
            </label>
            <button type="submit" className="button" disabled={busy || !householdId} data-action="create-central">
              {t('console.central.create')}
            </button>
          </form>
        </>
      )}
      <button type="button" className="button" onClick={onDone}>
        {t('console.central.close')}
      </button>
    </section>
  );
}
