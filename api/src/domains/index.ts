import { assessment } from './assessment/assessment.manifest';
import { account } from './account/account.manifest';
import { consultations } from './consultation/consultation.manifest';
import { building } from './building/building.manifest';
import { cases } from './case/case.manifest';
import { grid } from './grid/grid.manifest';
import { household } from './household/household.manifest';
import { importing } from './import/import.manifest';
import { notify } from './notify/notify.manifest';
import { organization } from './organization/organization.manifest';
import { party } from './party/party.manifest';
import { posts } from './posts/posts.manifest';
import { publicity } from './publicity/publicity.manifest';
import { reports } from './report/report.manifest';
import { resident } from './resident/resident.manifest';
import { searching } from './search/search.manifest';
import { services } from './service/service.manifest';
import { street } from './street/street.manifest';
import { tile } from './tile/tile.manifest';

/** Every domain of the API, in one list: the composition root (app/) reads it. A new domain is one line here. */
export const DOMAINS = [
  account,
  street,
  grid,
  building,
  household,
  resident,
  party,
  posts,
  cases,
  services,
  publicity,
  organization,
  reports,
  consultations,
  notify,
  importing,
  searching,
  tile,
  assessment,
];
