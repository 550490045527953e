import type { DomainManifest } from '../../platform/domain';
import { WorkMeetingResolver } from './meeting';
import { reportRouter } from './report.router';
import { WallStatisticsResolver } from './wall.statistics';

/** 情况报告 — the monthly situation report of the street or a community, as PDF or XLSX, and the work-meeting log (工作例会). */
export const reports: DomainManifest = {
  name: 'report',
  resolvers: [WorkMeetingResolver, WallStatisticsResolver],
  routes: [{ path: '/reports', signedIn: true, router: () => reportRouter() }],
};
