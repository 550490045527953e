import type { DomainManifest } from '../../platform/domain';
import { AssessmentResolver, StreetAssessmentResolver } from './assessment.resolver';

/** 考核评价 — the street's versioned assessment scheme and the monthly scores, computed on read. */
export const assessment: DomainManifest = {
  name: 'assessment',
  resolvers: [AssessmentResolver, StreetAssessmentResolver],
};
