import { ServiceEvent, ServiceMatch, ServiceNeed, ServiceRecord, ServiceRegistration, ServiceSkill } from './service.entity';
import { ActivitySignup, TeamActivity, VolunteerTeam } from './team.entity';
import { HouseholdVisit, VisitPolicy } from './visit.entity';
import { MicroWish } from './wish.entity';

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
