import type { DomainManifest } from '../../platform/domain';
import { Case, CaseCategory, CaseEvent, Department } from './case.entity';
import { CASE_EVENTS } from './case.events';
import { createCaseLoaders } from './case.loader';
import { resolveCaseReference } from './case.reference';
import { CaseEventResolver, CaseResolver, StreetCaseRulesResolver } from './case.resolver';
import { runOverdueSweep } from './case.scheduler';
import { open311Router } from './open311.router';
import { photoRouter } from './photo.router';

/** 事件 — cases through the closed loop, their events and live feed, photos, Open311 and the overdue sweep. */
export const cases: DomainManifest = {
  name: 'case',
  entities: [CaseCategory, Department, Case, CaseEvent],
  resolvers: [CaseResolver, CaseEventResolver, StreetCaseRulesResolver],
  references: { Case: resolveCaseReference },
  loaders: createCaseLoaders,
  reads: { Case: { grid: { type: 'Grid', kind: 'one', on: '$child.id = $parent.grid_id', key: 'grid_id', scoped: 'Grid' } } },
  topics: [CASE_EVENTS],
  routes: [
    { path: '/photos', signedIn: true, router: () => photoRouter() },
    { path: '/open311/v2', router: ({ ds, bus, auth, config }) => open311Router(ds, bus, auth, config.open311Keys) },
  ],
  jobs: [{ name: 'overdue sweep', everyMs: (config) => config.sweepMs, run: ({ ds, bus }) => runOverdueSweep(ds, bus) }],
};
