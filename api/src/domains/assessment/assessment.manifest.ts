import type { DomainManifest } from '../../platform/domain';
import { registerAssessmentReport } from './assessment.report';
import { AssessmentResolver, StreetAssessmentResolver } from './assessment.resolver';

registerAssessmentReport();

/** 考核评价 — the street's versioned assessment scheme and the monthly scores, computed on read; the reports' rankings. */
export const assessment: DomainManifest = {
  name: 'assessment',
  resolvers: [AssessmentResolver, StreetAssessmentResolver],
};
