import { useTranslation } from 'react-i18next';
import { SERVICE_COLOURS, type ServiceLayer } from './serviceMap';

/** Toggles for service map layers, each with its colour and count. */
export function ServiceToggles({
  layers,
  counts,
  shown,
  onToggle,
}: {
  layers: readonly ServiceLayer[];
  counts: Record<ServiceLayer, number>;
  shown: ReadonlySet<ServiceLayer>;
  onToggle: (layer: ServiceLayer) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="service-toggles" role="group" aria-label={t('services.layers')}>
      {layers.map((layer) => (
        <button
          key={layer}
          type="button"
          className="button service-toggles__toggle"
          aria-pressed={shown.has(layer)}
          data-layer={layer}
          onClick={() => onToggle(layer)}
        >
          <span className="service-toggles__swatch" style={{ background: SERVICE_COLOURS[layer] }} aria-hidden="true" />
          {t(`services.layer.${layer}`)}
          <span className="service-toggles__count">{counts[layer]}</span>
        </button>
      ))}
    </div>
  );
}
