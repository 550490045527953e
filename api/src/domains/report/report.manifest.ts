import type { DomainManifest } from '../../platform/domain';
import { reportRouter } from './report.router';

/** 情况报告 — the monthly situation report of the street or a community, as PDF or XLSX. */
export const reports: DomainManifest = {
  name: 'report',
  routes: [{ path: '/reports', signedIn: true, router: () => reportRouter() }],
};
