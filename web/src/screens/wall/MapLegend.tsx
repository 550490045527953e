import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceLayer } from '../../domain/services/serviceMap';
import type { MapTheme } from '../../map/style';
import type { LayerKey, LayerState } from './layers';
import { legendModel, type Swatch } from './legend';

/** Whether the legend is folded away (localStorage; open unless the operator folded it). */
const FOLDED_KEY = 'streetgrid.wall.legendFolded';

function readFolded(): boolean {
  try {
    return localStorage.getItem(FOLDED_KEY) === 'true';
  } catch {
    return false;
  }
}

function SwatchMark({ swatch }: { swatch: Swatch }) {
  const style =
    swatch.kind === 'outline'
      ? { borderColor: swatch.colour }
      : swatch.kind === 'line'
        ? { borderTopColor: swatch.colour }
        : { background: swatch.colour, borderColor: swatch.ring };
  return <span className={`legend__swatch legend__swatch--${swatch.kind}`} style={style} data-colour={swatch.colour} aria-hidden="true" />;
}

/**
 * 图例与图层 — the wall's legend and layer control in one panel over the map: every symbol the
 * map draws, explained, and beside each toggleable one its switch (grids by level, buildings,
 * case groups, the service layers with their counts). Folds away; remembers being folded.
 */
export function MapLegend({
  theme,
  layers,
  services,
  serviceCounts,
  onToggle,
}: {
  theme: MapTheme;
  layers: LayerState;
  services: readonly ServiceLayer[];
  /** Beside each service switch its count; null before the service layers are first read (none shown). */
  serviceCounts: Record<ServiceLayer, number> | null;
  onToggle: (key: LayerKey) => void;
}) {
  const { t } = useTranslation();
  const [folded, setFolded] = useState(readFolded);
  const groups = useMemo(() => legendModel(theme, services), [theme, services]);
  const fold = () =>
    setFolded((was) => {
      try {
        localStorage.setItem(FOLDED_KEY, String(!was));
      } catch {
        // Private mode: the panel just forgets.
      }
      return !was;
    });

  return (
    <section className="legend" aria-label={t('legend.title')} data-folded={folded}>
      <button type="button" className="legend__fold" aria-expanded={!folded} onClick={fold} data-action="fold-legend">
        {t('legend.title')}
      </button>
      {!folded &&
        groups.map((group) => (
          <div
            key={group.id}
            className={group.id === 'services' ? 'legend__group service-toggles' : 'legend__group'}
            role="group"
            aria-label={t(group.title)}
            data-group={group.id}
          >
            <h3 className="legend__title">{t(group.title)}</h3>
            {group.rows.map((row) => {
              const marks = (
                <span className="legend__marks">
                  {row.swatches.map((swatch, i) => (
                    <SwatchMark key={i} swatch={swatch} />
                  ))}
                </span>
              );
              if (!row.layer) {
                return (
                  <div key={row.id} className="legend__row" data-row={row.id}>
                    {marks}
                    <span className="legend__label">{t(row.label)}</span>
                  </div>
                );
              }
              const layer = row.layer;
              return (
                <button
                  key={row.id}
                  type="button"
                  className={row.service ? 'legend__row legend__switch service-toggles__toggle' : 'legend__row legend__switch'}
                  aria-pressed={layers[layer]}
                  data-row={row.id}
                  data-layer={row.service ?? layer}
                  onClick={() => onToggle(layer)}
                >
                  {marks}
                  <span className="legend__label">{t(row.label)}</span>
                  {row.service && serviceCounts && <span className="service-toggles__count">{serviceCounts[row.service]}</span>}
                </button>
              );
            })}
          </div>
        ))}
    </section>
  );
}
