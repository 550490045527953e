import { Foundation1764100000000 } from './1764100000000-foundation';
import { TileVersion1764200000000 } from './1764200000000-tile-version';
import { Cases1764300000000 } from './1764300000000-cases';
import { Services1764700000000 } from './1764700000000-services';
import { ServiceAccounts1764900000000 } from './1764900000000-service-accounts';
import { Identity1764500000000 } from './1764500000000-identity';
import { TileVersionCases1764600000000 } from './1764600000000-tile-version-cases';
import { CasePhotosIndex1764800000000 } from './1764800000000-case-photos-index';
import { MatchSlot1765000000000 } from './1765000000000-match-slot';
import { NeedDuration1765100000000 } from './1765100000000-need-duration';
import { RowLevelSecurity1765200000000 } from './1765200000000-row-level-security';
import { PlacePaths1765250000000 } from './1765250000000-place-paths';
import { SignInHardening1765300000000 } from './1765300000000-sign-in-hardening';
import { CaseReporterKeys1765310000000 } from './1765310000000-case-reporter-keys';
import { AccountAudit1765400000000 } from './1765400000000-account-audit';
import { PartyAdmin1765410000000 } from './1765410000000-party-admin';
import { CaseNumbers1765500000000 } from './1765500000000-case-numbers';
import { CaseAssignedLeader1765510000000 } from './1765510000000-case-assigned-leader';
import { Departments1765520000000 } from './1765520000000-departments';
import { DepartmentStaff1765600000000 } from './1765600000000-department-staff';
import { PostsBoard1765610000000 } from './1765610000000-posts-board';
import { CentralHouseholdLinks1765800000000 } from './1765800000000-central-household-links';
import { Notifications1765620000000 } from './1765620000000-notifications';
import { Sync1765700000000 } from './1765700000000-sync';
import { Basemap1765720000000 } from './1765720000000-basemap';
import { CaseRules1765730000000 } from './1765730000000-case-rules';
import { Invitations1765750000000 } from './1765750000000-invitations';
import { GridLabelIndex1765760000000 } from './1765760000000-grid-label-index';
import { UserVersion1765810000000 } from './1765810000000-user-version';
import { Assessment1765830000000 } from './1765830000000-assessment';
import { Consultations1765910000000 } from './1765910000000-consultations';
import { WorkMeetings1765840000000 } from './1765840000000-work-meetings';
import { Organizations1765900000000 } from './1765900000000-organizations';
import { OrganizationMembers1765900000001 } from './1765900000001-organization-members';
import { OrganizationStaff1765900000002 } from './1765900000002-organization-staff';
import { Publicity1765920000000 } from './1765920000000-publicity';
import { ServiceEventAt1765960000000 } from './1765960000000-service-event-at';
import { CommunityPathStatistics1765970000000 } from './1765970000000-community-path-statistics';
import { CaseOpenPathIndex1765970000001 } from './1765970000001-case-open-path-index';
import { NotificationEscalated1765980000000 } from './1765980000000-notification-escalated';
import { HouseholdTaggedIndex1765995000000 } from './1765995000000-household-tagged-index';
import { ResidentPartyPathIndex1765995000001 } from './1765995000001-resident-party-path-index';
import { CommunityActivityHours1765996000000 } from './1765996000000-community-activity-hours';
import { GridUpperLevelIndexes1765997000000 } from './1765997000000-grid-upper-level-indexes';
import { UserChangedXid1765998000000 } from './1765998000000-user-changed-xid';
/** Every migration, in order. New ones are appended here. */
export const migrations = [
  Foundation1764100000000,
  TileVersion1764200000000,
  Cases1764300000000,
  Identity1764500000000,
  TileVersionCases1764600000000,
  Services1764700000000,
  CasePhotosIndex1764800000000,
  ServiceAccounts1764900000000,
  MatchSlot1765000000000,
  NeedDuration1765100000000,
  RowLevelSecurity1765200000000,
  PlacePaths1765250000000,
  SignInHardening1765300000000,
  CaseReporterKeys1765310000000,
  AccountAudit1765400000000,
  PartyAdmin1765410000000,
  CaseNumbers1765500000000,
  CaseAssignedLeader1765510000000,
  Departments1765520000000,
  DepartmentStaff1765600000000,
  PostsBoard1765610000000,
  Notifications1765620000000,
  Sync1765700000000,
  Basemap1765720000000,
  CaseRules1765730000000,
  Invitations1765750000000,
  GridLabelIndex1765760000000,
  CentralHouseholdLinks1765800000000,
  UserVersion1765810000000,
  Assessment1765830000000,
  WorkMeetings1765840000000,
  Organizations1765900000000,
  OrganizationMembers1765900000001,
  OrganizationStaff1765900000002,
  Consultations1765910000000,
  Publicity1765920000000,
  ServiceEventAt1765960000000,
  CommunityPathStatistics1765970000000,
  CaseOpenPathIndex1765970000001,
  NotificationEscalated1765980000000,
  HouseholdTaggedIndex1765995000000,
  ResidentPartyPathIndex1765995000001,
  CommunityActivityHours1765996000000,
  GridUpperLevelIndexes1765997000000,
  UserChangedXid1765998000000,
];
