import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicRoleKind } from '../../graphql/generated/graphql';
import { errorText } from '../../graphql/errors';
import { useFormatters } from '../../i18n/useFormatters';
import { ResidentPicker } from '../residents/ResidentPicker';
import { PUBLIC_ROLES, SET_PUBLIC_ROLE } from './operations';

const KINDS: PublicRoleKind[] = ['DEPUTY', 'CAPABLE', 'RESPECTED'];

type Row = { residentId: string; name: string; roles: PublicRoleKind[]; title: string; consentAt?: string | null };

/**
 * 两代表一委员, 经济能人, 贤达人士 of the viewer's grids: who holds a public role, whether they
 * consented to publication, and a form to set one (a resident of a community or compound, the
 * roles, a title, consent). Clearing a role can be undone from the message that follows.
 */
export function PublicRoles({ places }: { places: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const client = useApolloClient();
  const list = useQuery(PUBLIC_ROLES, { variables: {} });
  const [gridId, setGridId] = useState('');
  const [form, setForm] = useState<{ residentId: string; roles: PublicRoleKind[]; title: string; consent: boolean }>({
    residentId: '',
    roles: [],
    title: '',
    consent: false,
  });
  const [message, setMessage] = useState<string | null>(null);
  const [cleared, setCleared] = useState<Row | null>(null);
  const rows: Row[] = list.data?.publicRoles ?? [];
  const place = gridId || places[0]?.id || null;

  const write = async (input: { residentId: string; roles: PublicRoleKind[]; title: string; consent: boolean }, done: string) => {
    setMessage(null);
    try {
      await client.mutate({ mutation: SET_PUBLIC_ROLE, variables: { input } });
      await list.refetch();
      setMessage(done);
      return true;
    } catch (error) {
      setMessage(t('organizations.error', { message: errorText(t, error) }));
      return false;
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCleared(null);
    if (await write(form, t('organizations.saved'))) setForm({ residentId: '', roles: [], title: '', consent: false });
  };
  const clear = async (row: Row) => {
    setCleared(null);
    if (await write({ residentId: row.residentId, roles: [], title: '', consent: false }, t('publicRoles.cleared', { name: row.name })))
      setCleared(row);
  };
  const undo = async () => {
    if (!cleared) return;
    const { residentId, roles, title, consentAt, name } = cleared;
    if (await write({ residentId, roles, title, consent: Boolean(consentAt) }, t('organizations.restored', { name }))) setCleared(null);
  };

  return (
    <div data-list="public-roles">
      <h3>{t('publicRoles.heading', { n: rows.length })}</h3>
      {list.error && <p role="alert">{t('lists.error', { message: errorText(t, list.error) })}</p>}
      {rows.length === 0 && !list.loading ? (
        <p>{t('publicRoles.empty')}</p>
      ) : (
        <ul className="services__list">
          {rows.map((r) => (
            <li key={r.residentId} className="services__row" data-resident-id={r.residentId}>
              <strong>{r.name}</strong> · {r.roles.map((k) => t(`publicRoles.kind.${k}`)).join('、')}
              {r.title && ` · ${r.title}`} ·{' '}
              {r.consentAt ? t('publicRoles.consented', { day: f.date(r.consentAt) }) : t('publicRoles.notConsented')}
              <button type="button" className="button" data-action="clear-public-role" onClick={() => void clear(r)}>
                {t('publicRoles.clear')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {places.length > 0 && (
        <form onSubmit={(e) => void submit(e)} data-form="set-public-role">
          <label>
            {t('publicRoles.grid')}
            <select className="input" value={place ?? ''} onChange={(e) => setGridId(e.target.value)}>
              {places.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <ResidentPicker
            gridId={place}
            value={form.residentId}
            onChange={(residentId) => setForm({ ...form, residentId })}
            field="public-role-resident"
          />
          <fieldset>
            <legend>{t('publicRoles.rolesLabel')}</legend>
            {KINDS.map((k) => (
              <label key={k}>
                <input
                  type="checkbox"
                  name={`public-role-${k}`}
                  checked={form.roles.includes(k)}
                  onChange={(e) => setForm({ ...form, roles: e.target.checked ? [...form.roles, k] : form.roles.filter((r) => r !== k) })}
                />
                {t(`publicRoles.kind.${k}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('publicRoles.title')}
            <input
              className="input"
              name="public-role-title"
              value={form.title}
              onChange={(e) => setForm({ ...form, title: e.target.value })}
            />
          </label>
          <label>
            <input
              type="checkbox"
              name="public-role-consent"
              checked={form.consent}
              onChange={(e) => setForm({ ...form, consent: e.target.checked })}
            />
            {t('publicRoles.consent')}
          </label>
          <button type="submit" className="button" data-action="set-public-role" disabled={!form.residentId || form.roles.length === 0}>
            {t('publicRoles.set')}
          </button>
        </form>
      )}
      {message && (
        <p role="status">
          {message}
          {cleared && (
            <button type="button" className="button" data-action="undo-clear-public-role" onClick={() => void undo()}>
              {t('organizations.undo')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}
