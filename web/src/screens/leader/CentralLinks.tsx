import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorField } from '../../graphql/errors';
import { LINKABLE_HOUSEHOLDS, SET_CENTRAL_LINKS } from './operations';

const MIN = 5;
const MAX = 15;

/**
 * 联系户 — a central household's 5 to 15 neighbouring households, chosen from the households
 * of the leader's grids (the API holds them to the central household's community and the
 * leader's reach, and answers BAD_USER_INPUT on householdIds otherwise).
 */
export function CentralLinks({
  organizationId,
  householdId,
  gridId,
  linked,
  onDone,
}: {
  organizationId: string;
  householdId: string;
  gridId: string | null;
  linked: readonly string[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const { data } = useQuery(LINKABLE_HOUSEHOLDS, { variables: { gridId }, fetchPolicy: 'network-only' });
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(linked));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const toggle = (id: string) =>
    setChosen((was) => {
      const next = new Set(was);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await client.mutate({ mutation: SET_CENTRAL_LINKS, variables: { id: organizationId, ids: [...chosen] } });
      onDone();
    } catch (error) {
      setMessage(
        errorCode(error) === 'BAD_USER_INPUT' && errorField(error) === 'householdIds'
          ? t('centralLinks.invalid', { min: MIN, max: MAX })
          : t('centralLinks.failed'),
      );
    } finally {
      setBusy(false);
    }
  };
  const households = (data?.households.nodes ?? []).filter((h) => h.id !== householdId);
  return (
    <fieldset className="central-links" data-form="central-links">
      <legend>{t('centralLinks.title', { n: chosen.size, min: MIN, max: MAX })}</legend>
      {households.map((h) => (
        <label key={h.id} className="central-links__option">
          <input type="checkbox" checked={chosen.has(h.id)} onChange={() => toggle(h.id)} data-household={h.id} /> {h.address}
        </label>
      ))}
      {message && <p role="alert">{message}</p>}
      <button type="button" className="button" disabled={busy} onClick={() => void save()} data-action="save-links">
        {t('centralLinks.save')}
      </button>
      <button type="button" className="button" onClick={onDone}>
        {t('centralLinks.cancel')}
      </button>
    </fieldset>
  );
}
