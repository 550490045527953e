import { EchoCommunityResolver } from './wishes/echo.resolver';
import { EvaluationResolver } from './evaluation/evaluation.resolver';
import { UnitEvaluationResolver } from './evaluation/unit.resolver';
import { MeServiceResolver, ServiceMatchResolver, ServiceNeedResolver, ServiceRegistrationResolver } from './service.resolver';
import { ServiceUpdateResolver } from './service.subscription';
import { ActivitySignupResolver, TeamActivityResolver, VolunteerTeamResolver } from './teams/team.resolver';
import { HouseholdVisitResolver } from './visits/visit.resolver';
import { MicroWishResolver } from './wishes/wish.resolver';

/** Every resolver of community services, for the schema. */
export const serviceResolvers = [
  MeServiceResolver,
  ServiceRegistrationResolver,
  ServiceNeedResolver,
  ServiceMatchResolver,
  MicroWishResolver,
  EchoCommunityResolver,
  HouseholdVisitResolver,
  VolunteerTeamResolver,
  TeamActivityResolver,
  ActivitySignupResolver,
  EvaluationResolver,
  UnitEvaluationResolver,
  ServiceUpdateResolver,
] as const;
