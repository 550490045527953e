import { useApolloClient } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../graphql/generated';
import type { BBox } from '../../graphql/types';
import { geometryBBox } from '../../domain/grids/bbox';
import { parseSearch } from './search';

const GRID_BY_CODE = graphql(`
  query GridByCode($code: String!) {
    grid(code: $code) {
      id
      geometry
    }
  }
`);

const CASE_BY_NUMBER = graphql(`
  query CaseByNumber($number: String!) {
    caseByNumber(number: $number) {
      id
    }
  }
`);

/**
 * Search by grid code, grid name (among the grid labels the map has loaded) or case number;
 * a grid fits the map to it, a case opens its panel.
 */
export function SearchBox({
  onGrid,
  onCase,
  findGridCode,
}: {
  onGrid: (bbox: BBox) => void;
  onCase: (id: string) => void;
  /** The code of a grid whose name contains the text, among those the map has loaded. */
  findGridCode: (name: string) => string | null;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const id = useId();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const gridByCode = async (code: string): Promise<boolean> => {
    const { data } = await client.query({ query: GRID_BY_CODE, variables: { code }, fetchPolicy: 'network-only' });
    const box = data?.grid ? geometryBBox(data.grid.geometry) : null;
    if (box) onGrid(box);
    return box !== null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const query = parseSearch(text);
    let found: boolean;
    try {
      if (query.kind === 'case') {
        onCase(query.id);
        found = true;
      } else if (query.kind === 'caseNumber') {
        const { data } = await client.query({ query: CASE_BY_NUMBER, variables: { number: query.number }, fetchPolicy: 'network-only' });
        if (data?.caseByNumber) onCase(data.caseByNumber.id);
        found = Boolean(data?.caseByNumber);
      } else if (query.kind === 'gridCode') {
        found = await gridByCode(query.code);
      } else if (query.kind === 'gridName') {
        const code = findGridCode(query.name);
        found = code ? await gridByCode(code) : false;
      } else return;
    } catch {
      found = false;
    }
    if (!found) setMessage(t('search.notFound', { query: text.trim() }));
  };

  return (
    <form className="search" role="search" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        id={id}
        className="input search__input"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('search.placeholder')}
      />
      <button type="submit" className="button">
        {t('search.submit')}
      </button>
      {message && (
        <span className="search__message" role="alert">
          {message}
        </span>
      )}
    </form>
  );
}
