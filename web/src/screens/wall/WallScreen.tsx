import type { Client } from 'graphql-ws';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BBox, LngLat } from '../../graphql/types';
import { GridMap, type MapSelection } from '../../map/GridMap';
import type { MapTheme } from '../../map/style';
import { CasePanel } from '../../domain/cases/CasePanel';
import { GridCaseFacts } from '../../domain/cases/GridCaseFacts';
import { countsOf } from '../../domain/cases/kpi';
import { useCaseStream } from '../../domain/cases/useCaseStream';
import { useCategories } from '../../domain/cases/useCategories';
import { useIndicators } from '../../domain/cases/useIndicators';
import { GridChainPanel } from '../../domain/grids/GridChainPanel';
import { useGridAt } from '../../domain/grids/useGridAt';
import { LayersStatus } from '../../domain/grids/LayersStatus';
import { usePinnedNotices } from '../../domain/publicity/usePinnedNotices';
import { useGridLayers } from '../../domain/grids/useGridLayers';
import { countServiceLayers, EMPTY_SERVICES } from '../../domain/services/serviceMap';
import { useServiceMap } from '../../domain/services/useServiceMap';
import { AssessmentPanel } from '../../domain/assessment/AssessmentPanel';
import { CaseFeed } from './CaseFeed';
import { CaseDesk } from './CaseDesk';
import { CaseQueues } from './CaseQueues';
import {
  hiddenMapLayers,
  LAYERS_STORAGE_KEY,
  parseLayerState,
  shownParty,
  shownCivic,
  shownServices,
  toggleLayer,
  visiblePins,
  WALL_SERVICE_LAYERS,
  type LayerKey,
  type LayerState,
} from './layers';
import { MapLegend } from './MapLegend';
import { boxAround, pointOf } from './queues';
import { KpiBand } from '../../domain/cases/KpiBand';
import { CoverageTile } from '../../domain/party/CoverageTile';
import { GridPartyFacts } from '../../domain/party/GridPartyFacts';
import { usePartyMap } from '../../domain/party/usePartyMap';
import { useCivicMap } from '../../domain/consultations/useCivicMap';
import { CivicList } from '../../domain/consultations/CivicList';
import { MonthlyReportDownload } from '../../domain/reports/MonthlyReportDownload';
import { SearchBox } from './SearchBox';
import { useTour } from './useTour';
import { frameTotal, heatFrame } from '../../domain/cases/heatmap';
import { filterFeed, filterPins, sparklinesOf, type KpiFilter } from '../../domain/cases/kpiFilter';
import { useKpiSeries } from '../../domain/cases/useKpiSeries';
import { TimePanel } from './TimePanel';
import { useHeatLayer } from './useHeatLayer';
import { useTimeline } from './useTimeline';
import { WallStats } from './WallStats';

/** How often the KPI filter re-reads the clock (new today changes at midnight). */
const FILTER_CLOCK_MS = 60_000;

function readLayers(): LayerState {
  try {
    return parseLayerState(localStorage.getItem(LAYERS_STORAGE_KEY));
  } catch {
    return parseLayerState(null);
  }
}

/** The command centre's wall screen: KPI band, search, the street map with live case pins, the live feed, grid and case panels. */
export function WallScreen({ theme, ws, getToken }: { theme: MapTheme; ws: Client; getToken: () => string | null }) {
  const layers = useGridLayers();
  const stream = useCaseStream(ws);
  const indicators = useIndicators(null);
  const { categories, nameOf } = useCategories();
  const [picked, setPicked] = useState<LngLat | null>(null);
  const [caseId, setCaseId] = useState<string | null>(null);
  const [focus, setFocus] = useState<BBox | null>(null);
  const { t } = useTranslation();
  const [touring, setTouring] = useState(false);
  const [ranking, setRanking] = useState(false);
  const [civicOpen, setCivicOpen] = useState(false);
  const tourStop = useTour(touring, setFocus);
  const { lookup, retry } = useGridAt(picked);
  const [mapLayers, setMapLayers] = useState<LayerState>(readLayers);
  // The service, party and civic data are read when something shows them (a layer switched on, the
  // civic list or a grid's panel open), not on the wall's first load: on a district they are the
  // largest answers (every community's overdue visits, every grid's party facts).
  const servicesShown = useMemo(() => shownServices(mapLayers), [mapLayers]);
  const services = useServiceMap(null, null, 0, true, servicesShown.size > 0);
  const serviceCounts = useMemo(() => (services === EMPTY_SERVICES ? null : countServiceLayers(services)), [services]);
  const civicShown = useMemo(() => shownCivic(mapLayers), [mapLayers]);
  const civic = useCivicMap(civicOpen || civicShown.consultations || civicShown.projects);
  const toggle = useCallback((key: LayerKey) => {
    setMapLayers((state) => {
      const next = toggleLayer(state, key);
      try {
        localStorage.setItem(LAYERS_STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Private mode: the switches hold for this visit only.
      }
      return next;
    });
  }, []);
  const partyOn = useMemo(() => shownParty(mapLayers), [mapLayers]);
  const party = usePartyMap(partyOn.size > 0 || picked != null);
  const partyShown = useMemo(
    () => ({ coverage: partyOn.has('PARTY_COVERAGE'), central: partyOn.has('PARTY_CENTRAL'), posts: partyOn.has('PARTY_POSTS') }),
    [partyOn],
  );
  const gridFacts = useCallback(
    (grid: { id: string }) => (
      <>
        <GridCaseFacts gridId={grid.id} />
        <GridPartyFacts row={party.byGrid.get(grid.id)} />
      </>
    ),
    [party.byGrid],
  );
  const notices = usePinnedNotices(mapLayers.PUBLICITY_NOTICES);
  const hiddenLayers = useMemo(() => hiddenMapLayers(mapLayers), [mapLayers]);
  const [kpiFilter, setKpiFilter] = useState<KpiFilter | null>(null);
  const [clock, setClock] = useState(() => Date.now());
  useEffect(() => {
    if (!kpiFilter) return;
    setClock(Date.now());
    const timer = setInterval(() => setClock(Date.now()), FILTER_CLOCK_MS);
    return () => clearInterval(timer);
  }, [kpiFilter]);
  const pins = useMemo(
    () => filterPins(visiblePins(stream.pins, mapLayers), kpiFilter, stream.store, clock),
    [stream.pins, mapLayers, kpiFilter, stream.store, clock],
  );
  const feed = useMemo(() => filterFeed(stream.feed, kpiFilter, stream.store, clock), [stream.feed, kpiFilter, stream.store, clock]);
  const kpis = { ...countsOf(stream.counts), ...indicators };
  const series = useKpiSeries();
  const sparklines = useMemo(() => (series ? sparklinesOf(series) : null), [series]);

  // 时间回放: the heatmap of the 90-day history, one frame (a week) at a time; overdue-only under the overdue filter.
  const [timeOpen, setTimeOpen] = useState(false);
  const timeline = useTimeline(timeOpen);
  const lateOnly = kpiFilter === 'overdue';
  const frame = useMemo(
    () => (timeline.heatmap ? heatFrame(timeline.heatmap, timeline.day, undefined, lateOnly) : null),
    [timeline.heatmap, timeline.day, lateOnly],
  );
  const [map, setMap] = useState<MapLibreMap | null>(null);
  useHeatLayer(map, frame, timeOpen, theme === 'dark');

  const selection = useMemo<MapSelection[]>(
    () => (lookup.status === 'ready' ? lookup.grids.map(({ id, level }) => ({ id, level })) : []),
    [lookup],
  );
  const pick = useCallback((point: LngLat) => {
    setCaseId(null);
    setPicked(point);
  }, []);
  const openCase = useCallback((id: string) => {
    setPicked(null);
    setCaseId(id);
  }, []);
  /** Opens a case and flies the map to its pin. */
  const openCaseAt = useCallback(
    (c: { id: string; location?: unknown; point?: LngLat }) => {
      const point = c.point ? [c.point.lng, c.point.lat] : pointOf(c.location);
      if (point) {
        setTouring(false);
        setFocus(boxAround(point[0], point[1]));
      }
      openCase(c.id);
    },
    [openCase],
  );
  const closePanel = useCallback(() => setPicked(null), []);

  return (
    <>
      <div className="toolbar">
        <KpiBand kpis={kpis} sparklines={sparklines} filter={kpiFilter} onFilter={setKpiFilter}>
          <CoverageTile />
        </KpiBand>
        <WallStats />
        {kpiFilter && (
          <span className="filter-chip" data-filter={kpiFilter} role="status">
            {t('kpiFilter.chip', { name: t(`kpi.${kpiFilter}`) })}
            <button
              type="button"
              className="filter-chip__remove"
              aria-label={t('kpiFilter.remove', { name: t(`kpi.${kpiFilter}`) })}
              onClick={() => setKpiFilter(null)}
            >
              ×
            </button>
          </span>
        )}
        <SearchBox
          onPlace={(bbox, point) => {
            setTouring(false);
            setFocus(bbox);
            // Marked as a click there would: the grid chain panel, the grids outlined.
            if (point) pick(point);
          }}
          onCase={(id, point) => (point ? openCaseAt({ id, point }) : openCase(id))}
        />
        <button type="button" className="button" aria-pressed={touring} onClick={() => setTouring((on) => !on)} data-action="tour">
          {touring ? t('tour.stop', { name: tourStop ?? '' }) : t('tour.start')}
        </button>
        <button type="button" className="button" aria-pressed={timeOpen} onClick={() => setTimeOpen((on) => !on)} data-action="timeline">
          {t('time.open')}
        </button>
        <button type="button" className="button" aria-pressed={ranking} onClick={() => setRanking((on) => !on)} data-action="assessment">
          {t('assessment.open')}
        </button>
        <button type="button" className="button" aria-pressed={civicOpen} onClick={() => setCivicOpen((on) => !on)} data-action="civic">
          {t('civic.wallTitle')}
        </button>
        <LayersStatus layers={layers} />
        <MonthlyReportDownload street />
      </div>
      <main className="app__main">
        {/* Left of the map, so the case panel (over the feed) leaves the queues in view. */}
        <CaseQueues refreshKey={stream.feed[0]?.id ?? null} nameOf={nameOf} categories={categories} onOpen={openCaseAt} />
        <GridMap
          theme={theme}
          layers={layers.status === 'ready' ? layers.data : null}
          picked={picked}
          selection={selection}
          onPick={pick}
          getToken={getToken}
          pins={pins}
          onCaseClick={openCase}
          focus={focus}
          services={services}
          servicesShown={servicesShown}
          hiddenLayers={hiddenLayers}
          partyCoverage={party.coverage}
          partyPoints={party.points}
          partyShown={partyShown}
          onMap={setMap}

          noticePoints={notices}
          noticesShown={mapLayers.PUBLICITY_NOTICES}
          civicPoints={civic.points}
          civicShown={civicShown}
          overlay={
            <>
              <MapLegend theme={theme} layers={mapLayers} services={WALL_SERVICE_LAYERS} serviceCounts={serviceCounts} onToggle={toggle} />
              {timeOpen && (
                <TimePanel
                  timeline={timeline}
                  frameTotal={frame ? frameTotal(frame) : 0}
                  lateOnly={lateOnly}
                  onClose={() => setTimeOpen(false)}
                />
              )}
            </>
          }
        />
        {ranking && <AssessmentPanel onClose={() => setRanking(false)} />}
        {civicOpen && <CivicList civic={civic} onClose={() => setCivicOpen(false)} />}
        <CaseFeed events={feed} live={stream.live} nameOf={nameOf} onOpen={openCase} filtered={kpiFilter !== null} />
        {caseId && (
          <CasePanel
            id={caseId}
            onClose={() => setCaseId(null)}
            liveVersion={stream.store.get(caseId)?.summary.version}
            actions={(c, reload) => <CaseDesk c={c} reload={reload} onChanged={stream.merge} />}
          />
        )}
        {!caseId && picked && <GridChainPanel point={picked} lookup={lookup} onClose={closePanel} onRetry={retry} extra={gridFacts} />}
      </main>
    </>
  );
}
