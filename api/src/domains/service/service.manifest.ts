import { unitLinkRouter, unitReportRouter } from './evaluation/unit.router';
import type { DomainManifest } from '../../platform/domain';
import { evaluationExportRouter } from './evaluation/evaluation.router';
import { serviceEntities } from './service.entities';
import { publishServiceChanges, SERVICE_CHANGES } from './service.events';
import { createServiceLoaders } from './service.loader';
import { serviceResolvers } from './service.resolvers';
import { WishService } from './wishes/wish.service';

/** 社区服务 — dual registration, the needs list and matching, micro-wishes, visits, teams and dual evaluation. */
export const services: DomainManifest = {
  name: 'services',
  entities: serviceEntities,
  resolvers: serviceResolvers,
  loaders: createServiceLoaders,
  topics: [SERVICE_CHANGES],
  routes: [
    { path: '/exports', signedIn: true, router: () => evaluationExportRouter() },
    { path: '/unit-reports', signedIn: true, router: () => unitReportRouter() },
    { path: '/unit-link', router: ({ ds, auth }) => unitLinkRouter(ds, auth) },
  ],
  jobs: [
    {
      name: 'claim expiry sweep',
      everyMs: (config) => config.sweepMs,
      run: ({ ds }) => new WishService(ds.manager).expireClaims(new Date()),
    },
  ],
  start: ({ ds, bus }) => publishServiceChanges(ds, bus),
};
