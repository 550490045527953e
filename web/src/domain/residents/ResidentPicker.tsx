import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRID_RESIDENTS } from './operations';

/**
 * A resident of a grid, chosen by name (their birth year and party membership tell namesakes
 * apart); `partyOnly` lists party members alone (a secretary or deputy is one).
 */
export function ResidentPicker({
  gridId,
  value,
  onChange,
  partyOnly = false,
  label,
  field = 'resident',
  required = true,
}: {
  /** null: the whole street (the street committee's secretary). */
  gridId: string | null;
  value: string;
  onChange: (id: string) => void;
  partyOnly?: boolean;
  label?: string;
  field?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const residents = useQuery(GRID_RESIDENTS, { variables: { gridId, search: search.trim() || null }, fetchPolicy: 'network-only' });
  const nodes = (residents.data?.residents.nodes ?? []).filter((r) => !partyOnly || r.isPartyMember);
  return (
    <>
      <label>
        {t('console.searchResident')} <input value={search} onChange={(e) => setSearch(e.target.value)} data-field={`${field}-search`} />
      </label>
      <label>
        {label ?? t('console.resident')}{' '}
        <select required={required} value={value} onChange={(e) => onChange(e.target.value)} data-field={field}>
          <option value="">{required ? t('console.choose') : t('console.keep')}</option>
          {nodes.map((r) => (
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
