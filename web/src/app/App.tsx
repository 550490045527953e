import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GridChainPanel } from '../features/grid-inspector/GridChainPanel';
import { useGridAt } from '../features/grid-inspector/useGridAt';
import { useGridLayers } from '../features/grids/useGridLayers';
import type { LngLat } from '../graphql/types';
import { otherLanguage } from '../i18n';
import { GridMap, type MapSelection } from '../map/GridMap';
import type { MapTheme } from '../map/style';
import { browserStorage, storeLanguage } from './language';

/** The command centre screen: header, street map, and the panel for a clicked point. */
export function App({ theme }: { theme: MapTheme }) {
  const { t, i18n } = useTranslation();
  const layers = useGridLayers();
  const [picked, setPicked] = useState<LngLat | null>(null);
  const { lookup, retry } = useGridAt(picked);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  const selection = useMemo<MapSelection[]>(
    () => (lookup.status === 'ready' ? lookup.grids.map(({ id, level }) => ({ id, level })) : []),
    [lookup],
  );
  const closePanel = useCallback(() => setPicked(null), []);
  const switchLanguage = () => {
    const next = otherLanguage(i18n.language);
    storeLanguage(browserStorage(), next);
    void i18n.changeLanguage(next);
  };

  return (
    <div className="app" data-theme={theme}>
      <header className="app__header">
        <h1 className="app__title">{t('app.title')}</h1>
        <LayersStatus layers={layers} />
        <button type="button" className="button" onClick={switchLanguage} aria-label={t('language.switchLabel')}>
          {t('language.switchTo')}
        </button>
      </header>
      <main className="app__main">
        <GridMap
          theme={theme}
          layers={layers.status === 'ready' ? layers.data : null}
          picked={picked}
          selection={selection}
          onPick={setPicked}
        />
        {picked && <GridChainPanel point={picked} lookup={lookup} onClose={closePanel} onRetry={retry} />}
      </main>
    </div>
  );
}

function LayersStatus({ layers }: { layers: ReturnType<typeof useGridLayers> }) {
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
