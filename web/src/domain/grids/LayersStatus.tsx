import { useTranslation } from 'react-i18next';
import type { useGridLayers } from './useGridLayers';

/** The grid counts of the street, or loading / error with a retry. */
export function LayersStatus({ layers }: { layers: ReturnType<typeof useGridLayers> }) {
  const { t } = useTranslation();
  if (layers.status === 'loading') {
    return (
      <p className="app__status" role="status">
        {t('app.gridsLoading')}
      </p>
    );
  }
  if (layers.status === 'error') {
    return (
      <div className="app__status app__status--error" role="alert">
        <span>{t('app.gridsError', { message: layers.message })}</span>
        <button type="button" className="button" onClick={layers.reload}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  return (
    <p className="app__status" role="status">
      {t('app.gridsLoaded', {
        large: layers.data.counts.LARGE,
        medium: layers.data.counts.MEDIUM,
        small: layers.data.counts.SMALL,
      })}
    </p>
  );
}
