import { useApolloClient } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../graphql/generated';
import type { BBox, LngLat } from '../../graphql/types';
import { bestHit, parseSearch, type Hit } from './search';

const SEARCH = graphql(`
  query WallSearch($text: String!) {
    search(text: $text, first: 8) {
      kind
      id
      title
      subtitle
      level
      point
      bbox
    }
  }
`);

/**
 * One search box on the server: grids by name or code at any zoom, buildings by name or
 * address, households by address (staff), cases by number (or id). One clear hit is gone to
 * at once; several are listed to pick from. A place fits the map to it and marks it; a case
 * opens its panel at its pin.
 */
export function SearchBox({
  onPlace,
  onCase,
}: {
  onPlace: (bbox: BBox, point: LngLat | null) => void;
  onCase: (id: string, point: LngLat | null) => void;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const id = useId();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<readonly Hit[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const go = (hit: Hit) => {
    setHits([]);
    const point = hit.point && hit.point.length === 2 ? { lng: hit.point[0], lat: hit.point[1] } : null;
    if (hit.kind === 'CASE') onCase(hit.id, point);
    else if (hit.bbox && hit.bbox.length === 4) onPlace(hit.bbox as BBox, point);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setHits([]);
    const query = parseSearch(text);
    if (query.kind === 'empty') return;
    if (query.kind === 'case') return onCase(query.id, null);
    try {
      const { data } = await client.query({ query: SEARCH, variables: { text: query.text }, fetchPolicy: 'network-only' });
      const found = data?.search ?? [];
      const best = bestHit(found, query.text);
      if (best) go(best);
      else if (found.length) setHits(found);
      else setMessage(t('search.notFound', { query: query.text }));
    } catch {
      setMessage(t('search.failed'));
    }
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
      {hits.length > 0 && (
        <ul className="search__results" aria-label={t('search.results', { n: hits.length })}>
          {hits.map((hit) => (
            <li key={`${hit.kind}:${hit.id}`}>
              <button type="button" className="search__hit" data-kind={hit.kind} onClick={() => go(hit)}>
                <span className="search__kind">
                  {hit.kind === 'GRID' && hit.level ? t(`level.${hit.level}`) : t(`search.kind.${hit.kind}`)}
                </span>
                <span className="search__title">{hit.title}</span>
                {hit.subtitle && <span className="search__subtitle">{hit.subtitle}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
