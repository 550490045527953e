import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridDetail, LngLat } from '../../graphql/types';
import { useFormatters } from '../../i18n/useFormatters';
import type { GridLookup } from './useGridAt';

export interface GridChainPanelProps {
  point: LngLat;
  lookup: GridLookup;
  onClose: () => void;
  onRetry: () => void;
  /** More for each grid card, e.g. its open cases and indicators. */
  extra?: (grid: GridDetail) => ReactNode;
}

/**
 * The side panel for a clicked point: the grids containing it from the building up to the
 * community, each with its code, counts and leaders. Escape closes it from anywhere on the page.
 */
export function GridChainPanel({ point, lookup, onClose, onRetry, extra }: GridChainPanelProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const panelRef = useRef<HTMLElement>(null);

  // Closing with focus inside the panel would drop it on <body>: hand it back to whatever
  // opened the panel (the map canvas or the inspect button). A layout effect, so the
  // panel is still in the document when this runs.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const panel = panelRef.current;
    return () => {
      if (panel?.contains(document.activeElement)) opener?.focus();
    };
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  return (
    <aside ref={panelRef} className="panel" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          {t('panel.title')}
        </h2>
        <button type="button" className="button" onClick={onClose} aria-keyshortcuts="Escape" title={t('panel.closeHint')}>
          {t('panel.close')}
        </button>
      </header>
      <p className="panel__point">{t('panel.point', { lng: format.coordinate(point.lng), lat: format.coordinate(point.lat) })}</p>
      <div className="panel__body" aria-live="polite" aria-busy={lookup.status === 'loading'}>
        <PanelBody lookup={lookup} onRetry={onRetry} extra={extra} />
      </div>
    </aside>
  );
}

function PanelBody({ lookup, onRetry, extra }: { lookup: GridLookup; onRetry: () => void; extra?: (grid: GridDetail) => ReactNode }) {
  const { t } = useTranslation();
  if (lookup.status === 'loading') {
    return (
      <p className="panel__status" role="status">
        {t('panel.loading')}
      </p>
    );
  }
  if (lookup.status === 'error') {
    return (
      <div className="panel__status panel__status--error" role="alert">
        <p>{t('panel.error', { message: lookup.message })}</p>
        <button type="button" className="button" onClick={onRetry}>
          {t('panel.retry')}
        </button>
      </div>
    );
  }
  if (lookup.grids.length === 0) {
    return (
      <div className="panel__status panel__empty">
        <p>{t('panel.empty')}</p>
        <p className="panel__hint">{t('panel.emptyHint')}</p>
      </div>
    );
  }
  return (
    <ol className="chain">
      {lookup.grids.map((grid) => (
        <li key={grid.id}>
          <GridCard grid={grid} extra={extra} />
        </li>
      ))}
    </ol>
  );
}

function GridCard({ grid, extra }: { grid: GridDetail; extra?: (grid: GridDetail) => ReactNode }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const nameId = useId();
  return (
    <article className="grid-card" data-level={grid.level} aria-labelledby={nameId}>
      <p className="grid-card__level">
        {t(`level.${grid.level}`)} · {t(`levelUnit.${grid.level}`)}
      </p>
      <h3 id={nameId} className="grid-card__name">
        {grid.name}
      </h3>
      <dl className="grid-card__facts">
        <Fact term={t('grid.code')} value={grid.code} />
        <Fact term={t('grid.area')} value={format.area(grid.areaM2)} />
        <Fact term={t('grid.buildings')} value={format.count(grid.counts.buildings)} />
        <Fact term={t('grid.households')} value={format.count(grid.counts.households)} />
        <Fact term={t('grid.residents')} value={format.count(grid.counts.residents)} />
      </dl>
      {extra?.(grid)}
      <h4 className="grid-card__subtitle">{t('grid.leaders')}</h4>
      {grid.leaders.length === 0 ? (
        <p className="grid-card__none">{t('grid.noLeaders')}</p>
      ) : (
        <ul className="leaders">
          {grid.leaders.map((leader) => (
            <li key={leader.id} className="leader">
              <span className="leader__name">{leader.name}</span>
              <span className="leader__role">{leader.role}</span>
              <span className="leader__since">{t('grid.leaderSince', { date: format.date(leader.since) })}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
