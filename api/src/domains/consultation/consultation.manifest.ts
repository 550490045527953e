import type { DomainManifest } from '../../platform/domain';
import { ConsultationResolver } from './consultation.resolver';
import { projectPhotoRouter } from './project-photo.router';

/** 议事协商 and 项目清单 (issue #16): consultations with invitations, attendance, minutes and resolutions; projects with 人财物 and milestones. */
export const consultations: DomainManifest = {
  name: 'consultation',
  resolvers: [ConsultationResolver],
  routes: [{ path: '/project-photos', signedIn: true, router: () => projectPhotoRouter() }],
};
