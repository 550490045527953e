import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLat } from '../../graphql/types';
import { useFormatters } from '../../i18n/useFormatters';
import { GridMap } from '../../map/GridMap';
import type { MapTheme } from '../../map/style';
import { CasePanel } from '../../domain/cases/CasePanel';
import { ReportForm } from '../../domain/cases/ReportForm';
import type { CaseDetail } from '../../domain/cases/types';
import { useCategories } from '../../domain/cases/useCategories';
import { useGridLayers } from '../../domain/grids/useGridLayers';
import { OWN_CASES_QUERY, RATE_CASE } from './operations';

const NO_SELECTION: never[] = [];
/** How many of their own cases the page lists (newest first). */
const OWN_CASES_PAGE = 100;
const RATINGS = [5, 4, 3, 2, 1] as const;

/**
 * A resident's cases (随手拍): report one (category, description, their building or a point
 * picked on the map, an optional photo), follow their own with number, status and timeline,
 * and rate a closed one with a comment.
 */
export function ResidentCases({ theme, getToken }: { theme: MapTheme; getToken: () => string | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { nameOf } = useCategories();
  const { data, loading, error, refetch } = useQuery(OWN_CASES_QUERY, {
    variables: { first: OWN_CASES_PAGE },
    fetchPolicy: 'network-only',
  });
  const [open, setOpen] = useState<string | null>(null);
  const [reporting, setReporting] = useState(false);
  // The API lists oldest first: the resident reads their newest first.
  const cases = [...(data?.cases.nodes ?? [])].reverse();
  const home = data?.buildings.nodes[0] ?? null;
  const reload = useCallback(() => void refetch().catch(() => undefined), [refetch]);

  return (
    <section className="services__section resident-cases" data-list="own-cases">
      <h2 className="panel__title">{t('resident.cases.title', { n: data?.cases.totalCount ?? 0 })}</h2>
      {loading && !data && <p role="status">{t('lists.loading')}</p>}
      {error && !data && <p role="alert">{t('lists.error', { message: errorText(t, error) })}</p>}
      {data && cases.length === 0 && <p>{t('resident.cases.none')}</p>}
      {cases.length > 0 && (
        <ul className="services__list">
          {cases.map((c) => (
            <li key={c.id} className="services__row" data-case-id={c.id} data-case-number={c.number} data-status={c.status}>
              <button type="button" className="button" onClick={() => setOpen(open === c.id ? null : c.id)} data-action="open-case">
                <strong className="resident-cases__number">{c.number}</strong>
              </button>{' '}
              <span className="status-chip" data-status={c.status}>
                {t(`status.${c.status}`)}
              </span>{' '}
              <span>{nameOf(c.category)}</span> <time dateTime={c.reportedAt}>{format.dateTime(c.reportedAt)}</time>
              <p className="services__notes">{c.description}</p>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <CasePanel
          id={open}
          onClose={() => setOpen(null)}
          actions={(c, reloadCase) => (
            <RateCase
              c={c}
              onDone={() => {
                reloadCase();
                reload();
              }}
            />
          )}
        />
      )}
      {reporting ? (
        <ReportForm
          source="RESIDENT"
          point={null}
          home={home}
          pickOnMap={(picked, onPick) => <PickOnMap theme={theme} getToken={getToken} picked={picked} onPick={onPick} />}
          onCancel={() => setReporting(false)}
          onDone={(c) => {
            setReporting(false);
            setOpen(c.id);
            reload();
          }}
        />
      ) : (
        <button type="button" className="button button--primary" onClick={() => setReporting(true)} data-action="report-case">
          {t('resident.cases.report')}
        </button>
      )}
    </section>
  );
}

function PickOnMap({
  theme,
  getToken,
  picked,
  onPick,
}: {
  theme: MapTheme;
  getToken: () => string | null;
  picked: LngLat | null;
  onPick: (p: LngLat) => void;
}) {
  const layers = useGridLayers();
  return (
    <div className="resident-cases__map">
      <GridMap
        theme={theme}
        layers={layers.status === 'ready' ? layers.data : null}
        picked={picked}
        selection={NO_SELECTION}
        onPick={onPick}
        getToken={getToken}
      />
    </div>
  );
}

/** 评价 — a closed case: 1 to 5 with an optional comment; the rating once given. */
function RateCase({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const id = useId();
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (c.status === 'RATED')
    return (
      <p className="case-actions__rated" data-rated>
        {t('resident.cases.rated')}
      </p>
    );
  if (c.status !== 'CLOSED') return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await client.mutate({ mutation: RATE_CASE, variables: { id: c.id, version: c.version, rating, comment: comment.trim() || null } });
      onDone();
    } catch (caught) {
      setError(t('leader.error', { message: errorText(t, caught) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="case-actions__form" data-form="rate-case" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-rating`}>{t('resident.cases.rating')}</label>
      <select id={`${id}-rating`} name="rating" className="input" value={rating} onChange={(e) => setRating(Number(e.target.value))}>
        {RATINGS.map((r) => (
          <option key={r} value={r}>
            {t(`resident.cases.stars.${r}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-comment`}>{t('resident.cases.comment')}</label>
      <textarea
        id={`${id}-comment`}
        name="comment"
        className="input"
        rows={2}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      {error && <p role="alert">{error}</p>}
      <button type="submit" className="button button--primary" disabled={busy} data-action="rate">
        {t('resident.cases.rate')}
      </button>
    </form>
  );
}
