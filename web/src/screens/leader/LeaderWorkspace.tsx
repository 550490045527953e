import type { Client } from 'graphql-ws';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLat } from '../../graphql/types';
import { useFormatters } from '../../i18n/useFormatters';
import { GridMap } from '../../map/GridMap';
import type { MapTheme } from '../../map/style';
import { CasePanel } from '../../domain/cases/CasePanel';
import { countsOf } from '../../domain/cases/kpi';
import { openCaseList } from '../../domain/cases/pins';
import { useCaseStream } from '../../domain/cases/useCaseStream';
import { useCategories } from '../../domain/cases/useCategories';
import { OwnAssessment } from '../../domain/assessment/AssessmentPanel';
import { useIndicators } from '../../domain/cases/useIndicators';
import { useGridLayers } from '../../domain/grids/useGridLayers';
import { ServicesPanel } from '../../domain/services/ServicesPanel';
import { SERVICE_LAYERS, weekOf } from '../../domain/services/serviceMap';
import { useServiceMap } from '../../domain/services/useServiceMap';
import { KpiBand } from '../../domain/cases/KpiBand';
import { MonthlyReportDownload } from '../../domain/reports/MonthlyReportDownload';
import { WorkMeetingLog } from '../../domain/reports/WorkMeetingLog';
import { OrganizationsPanel } from '../../domain/organizations/OrganizationsPanel';
import { CivicPanel } from '../../domain/consultations/CivicPanel';
import { LeaderActions } from './LeaderActions';
import { LeaderLists } from './LeaderLists';
import { PublicityManager } from '../../domain/publicity/PublicityManager';
import { ReportForm } from '../../domain/cases/ReportForm';
import { useGridFocus } from '../../domain/grids/useGridFocus';

const NO_SELECTION: never[] = [];
const ALL_SERVICE_LAYERS = new Set(SERVICE_LAYERS);

/**
 * A grid leader's workspace: the map opens on their own grids with their cases as pins;
 * a click on the map reports a case there; the side has tabs for their open cases (each with
 * accept / handle / request-extension), buildings, households and residents. Stacks map over list on a phone.
 */
export function LeaderWorkspace({
  theme,
  ws,
  getToken,
  gridIds,
}: {
  theme: MapTheme;
  ws: Client;
  getToken: () => string | null;
  gridIds: string[];
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const layers = useGridLayers();
  const { focus, settled } = useGridFocus(gridIds);
  const stream = useCaseStream(ws);
  const indicators = useIndicators(gridIds);
  const { nameOf } = useCategories();
  const [reportAt, setReportAt] = useState<LngLat | null>(null);
  const [caseId, setCaseId] = useState<string | null>(null);
  const cases = openCaseList(stream.store);
  const period = weekOf(new Date());
  const [servicesVersion, setServicesVersion] = useState(0);
  const services = useServiceMap(gridIds, period, servicesVersion, true);
  const servicesChanged = useCallback(() => setServicesVersion((v) => v + 1), []);
  /** Only the selected need's or helper's match lines are drawn (none until one is picked). */
  const [matchIds, setMatchIds] = useState<readonly string[]>(NO_SELECTION);

  const pick = useCallback((point: LngLat) => {
    setCaseId(null);
    setReportAt(point);
  }, []);
  const openCase = useCallback((id: string) => {
    setReportAt(null);
    setCaseId(id);
  }, []);

  return (
    <>
      <div className="toolbar">
        <KpiBand kpis={{ ...countsOf(stream.counts), ...indicators }} />
        <MonthlyReportDownload street={false} />
        <OwnAssessment gridIds={gridIds} />
      </div>
      <main className="app__main workspace">
        <GridMap
          theme={theme}
          layers={layers.status === 'ready' && settled ? layers.data : null}
          picked={reportAt}
          selection={NO_SELECTION}
          onPick={pick}
          getToken={getToken}
          pins={stream.pins}
          onCaseClick={openCase}
          focus={focus}
          services={services}
          servicesShown={ALL_SERVICE_LAYERS}
          matchIds={matchIds}
        />
        <aside className="workspace__side">
          {caseId ? (
            <CasePanel
              id={caseId}
              onClose={() => setCaseId(null)}
              liveVersion={stream.store.get(caseId)?.summary.version}
              actions={(c, reload) => <LeaderActions c={c} reload={reload} onChanged={stream.merge} />}
            />
          ) : reportAt ? (
            <ReportForm
              source="GRID_PATROL"
              withPriority
              point={reportAt}
              onCancel={() => setReportAt(null)}
              onDone={(c) => {
                stream.merge(c);
                openCase(c.id);
              }}
            />
          ) : (
            <LeaderLists
              gridId={gridIds.length === 1 ? gridIds[0] : null}
              publicity={<PublicityManager />}
              civic={<CivicPanel />}
              services={
                <>
                  <ServicesPanel gridIds={gridIds} period={period} onChanged={servicesChanged} onLines={setMatchIds} />
                  <WorkMeetingLog />
                  <OrganizationsPanel />
                </>
              }
              cases={
                <section className="workspace__cases" aria-label={t('leader.myCases', { n: cases.length })}>
                  <h2 className="panel__title">{t('leader.myCases', { n: cases.length })}</h2>
                  <p className="workspace__hint">{t('leader.reportHint')}</p>
                  {cases.length === 0 ? (
                    <p>{t('leader.noCases')}</p>
                  ) : (
                    <ul className="case-list">
                      {cases.map((c) => (
                        <li key={c.id}>
                          <button type="button" className="case-list__item" data-case-id={c.id} onClick={() => openCase(c.id)}>
                            <span className="status-chip" data-status={c.status}>
                              {t(`status.${c.status}`)}
                            </span>
                            {c.overdue && <span className="status-chip status-chip--overdue">{t('case.overdue')}</span>}
                            <span className="case-list__number">{c.number}</span>
                            <span className="case-list__category">{nameOf(c.category)}</span>
                            <span className="case-list__description">{c.description}</span>
                            <time dateTime={c.reportedAt}>{format.dateTime(c.reportedAt)}</time>
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              }
            />
          )}
        </aside>
      </main>
    </>
  );
}
