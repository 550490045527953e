import { ServiceEvent, ServiceMatch, ServiceNeed, ServiceRecord, ServiceRegistration, ServiceSkill } from './service.entity';
import { ActivitySignup, TeamActivity, VolunteerTeam } from './teams/team.entity';
import { HouseholdVisit, VisitPolicy } from './visits/visit.entity';
import { MicroWish } from './wishes/wish.entity';

/** Every TypeORM entity of community services, for the data source. */
export const serviceEntities = [
  ServiceSkill,
  ServiceRegistration,
  ServiceNeed,
  ServiceMatch,
  ServiceRecord,
  ServiceEvent,
  MicroWish,
  VisitPolicy,
  HouseholdVisit,
  VolunteerTeam,
  TeamActivity,
  ActivitySignup,
];
