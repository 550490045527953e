import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Row-level security policies: for every table whose rows depend on the caller, what each
 * viewer role may read and write. The expressions read the transaction's `sg.*` settings
 * through the `sg_*()` functions (see the migration 1765200000000-row-level-security).
 *
 * A rule is a SQL boolean over the table's columns:
 * - a string: read and write the rows it holds (FOR ALL, USING = WITH CHECK);
 * - `{ read, write }`: read `read`; insert, update and delete only rows that hold `write`
 *   (`write: false` or absent: read only); `{ insert }`: append only (an audit log).
 * A role without a rule sees and writes nothing of the table.
 *
 * The rules mirror `Scope.where` (which the queries still add, for index use): a query that
 * forgets its predicate still returns nothing extra. Subqueries in a rule are themselves
 * under the role's policies; no rule may reach back to its own table through others
 * (PostgreSQL refuses such a cycle).
 */
export type Rule = string | { read?: string; write?: string | false; insert?: string };

export interface TableRules {
  street?: Rule;
  leader?: Rule;
  member?: Rule;
  department?: Rule;
  anonymous?: Rule;
}

/** The viewer roles, in `TableRules` order. */
export const VIEWER_ROLES = ['sg_street', 'sg_leader', 'sg_member', 'sg_department', 'sg_anonymous'] as const;
const ROLE_OF: Record<keyof TableRules, (typeof VIEWER_ROLES)[number]> = {
  street: 'sg_street',
  leader: 'sg_leader',
  member: 'sg_member',
  department: 'sg_department',
  anonymous: 'sg_anonymous',
};

/** Inside the subtrees of the grids a leader leads. */
const IN_PATHS = (path: string) => `${path} <@ ANY(sg_paths())`;
/** Only a street admin writes (operators read the street and take the command centre's case steps). */
const ADMIN = `sg_role() = 'STREET_ADMIN'`;
/** Street staff read everything; only admins change it. */
const STAFF: Rule = { read: 'true', write: ADMIN };
const DEPARTMENT = (scope: string): Rule => ({ read: `'${scope}' = ANY(sg_scopes())`, write: false });
const readOnly = (read: string): Rule => ({ read, write: false });

/** Strictly under one of the communities (LARGE grids, paths of two labels) a leader leads. */
const BELOW_COMMUNITY = (path: string) =>
  `EXISTS (SELECT 1 FROM unnest(sg_paths()) c WHERE nlevel(c) = 2 AND ${path} <@ c AND ${path} <> c)`;
const GRID_IN_PATHS = (gridId: string) => `EXISTS (SELECT 1 FROM grid g WHERE g.id = ${gridId} AND ${IN_PATHS('g.path')})`;
/** Buildings, households and residents carry their small grid's path (`grid_path`, kept by triggers): one indexed test. */
const HOUSEHOLD_IN_PATHS = (householdId: string) =>
  `EXISTS (SELECT 1 FROM household h WHERE h.id = ${householdId} AND ${IN_PATHS('h.grid_path')})`;
/** A registration the member owns. */
const OWN_REGISTRATION = (registrationId: string) =>
  `EXISTS (SELECT 1 FROM service_registration r WHERE r.id = ${registrationId} AND r.user_id = sg_user())`;
/** Match statuses a helper sees: a leader's proposal reaches the helper once confirmed. */
const HELPER_MATCH = `('CONFIRMED', 'ACCEPTED', 'DONE', 'DECLINED')`;
/** Any row whose registration the role may see (the registration's own policy decides). */
const VIA_REGISTRATION = (registrationId: string) => `EXISTS (SELECT 1 FROM service_registration r WHERE r.id = ${registrationId})`;
/**
 * A department's case: an API key with the `Case` scope sees every case; a staff account those
 * dispatched or escalated to its department; an organisation's staff (ORGANIZATION_STAFF) those dispatched to it.
 */
const DEPARTMENT_CASE = `'Case' = ANY(sg_scopes()) OR department_id = sg_department() OR organization_id = sg_organization()`;
const OWN_CASE = (caseId: string) => `EXISTS (SELECT 1 FROM "case" c WHERE c.id = ${caseId} AND c.reporter_user_id = sg_user())`;

/** Publicity rows (notices, deeds, activities): a leader's subtree, and what is published on the path above their grids. */
const PUBLICITY_LEADER: Rule = {
  read: `${IN_PATHS('grid_path')} OR (status = 'PUBLISHED' AND grid_path @> ANY(sg_paths()))`,
  write: IN_PATHS('grid_path'),
};
/** What is published for a grid that holds the member's home. */
const PUBLICITY_MEMBER: Rule = readOnly(`status = 'PUBLISHED' AND grid_path @> sg_home()`);

/** A published consultation or project of the caller's home grid or a grid above it (their compound, their community). */
const CONCERNS_HOME = `(published AND sg_home() <@ grid_path)`;
/** The invitation of the caller: as a resident (their account's resident) or as a registered party member (their registration). */
const MY_INVITATION =
  `(resident_id = (SELECT u.resident_id FROM app_user u WHERE u.id = sg_user()) ` +
  `OR ${OWN_REGISTRATION('consultation_invitee.registration_id')})`;
/** A consultation the caller is invited to (their invitation's own policy decides). */
const INVITED = (consultationId: string) => `EXISTS (SELECT 1 FROM consultation_invitee i WHERE i.consultation_id = ${consultationId})`;
/** A consultation inside a leader's subtrees: theirs to keep. */
const CONSULTATION_KEPT = (consultationId: string) =>
  `EXISTS (SELECT 1 FROM consultation c WHERE c.id = ${consultationId} AND ${IN_PATHS('c.grid_path')})`;
const PROJECT_SEEN = (projectId: string) => `EXISTS (SELECT 1 FROM project p WHERE p.id = ${projectId})`;
const PROJECT_KEPT = (projectId: string) => `EXISTS (SELECT 1 FROM project p WHERE p.id = ${projectId} AND ${IN_PATHS('p.grid_path')})`;

export const RLS_TABLES: Record<string, TableRules> = {
  street: { street: STAFF, leader: readOnly('true'), member: readOnly('true'), department: DEPARTMENT('Street') },
  grid: { street: STAFF, leader: IN_PATHS('path'), member: readOnly('path @> sg_home()'), department: DEPARTMENT('Grid') },
  building: { street: STAFF, leader: IN_PATHS('grid_path'), member: readOnly('id = sg_building()'), department: DEPARTMENT('Building') },
  household: {
    street: STAFF,
    leader: IN_PATHS('grid_path'),
    // Their own; and, for a helper, the household of a task confirmed to them or of a wish they hold (where to go).
    member: readOnly(`id = sg_household()
      OR EXISTS (SELECT 1 FROM service_need n JOIN service_match x ON x.need_id = n.id
                  WHERE n.household_id = household.id AND x.status IN ${HELPER_MATCH} AND ${OWN_REGISTRATION('x.registration_id')})
      OR EXISTS (SELECT 1 FROM micro_wish w JOIN wish_claim wc ON wc.wish_id = w.id
                  WHERE w.household_id = household.id AND wc.status = 'LIVE' AND ${OWN_REGISTRATION('wc.registration_id')})`),
    department: DEPARTMENT('Household'),
  },
  resident: {
    street: STAFF,
    leader: IN_PATHS('grid_path'),
    member: readOnly('household_id = sg_household()'),
    department: DEPARTMENT('Resident'),
  },
  party_organization: {
    street: STAFF,
    // Central households (no grid) by their household: a leader's inside their grids, a member's own or the one looking after them.
    leader: readOnly(
      `level = 'STREET_COMMITTEE' OR ${GRID_IN_PATHS('party_organization.grid_id')}
        OR (household_id IS NOT NULL AND ${HOUSEHOLD_IN_PATHS('party_organization.household_id')})`,
    ),
    member: readOnly(
      `level = 'STREET_COMMITTEE' OR EXISTS (SELECT 1 FROM grid g WHERE g.id = party_organization.grid_id AND g.path @> sg_home())
        OR household_id = sg_household()
        OR EXISTS (SELECT 1 FROM central_household_link k
                    WHERE k.organization_id = party_organization.id AND k.household_id = sg_household())`,
    ),
    department: DEPARTMENT('PartyOrganization'),
  },
  grid_leader: {
    street: STAFF,
    leader: readOnly(GRID_IN_PATHS('grid_leader.grid_id')),
    member: readOnly(`EXISTS (SELECT 1 FROM grid g WHERE g.id = grid_leader.grid_id AND g.path @> sg_home())`),
    department: DEPARTMENT('Grid'),
  },
  /** Party service posts (红色1平米, 议事亭, 党群服务站): public places; street admins keep them. */
  central_household_link: {
    street: STAFF,
    // A leader keeps the links of the households in their grids (the compound's leader edits them).
    leader: HOUSEHOLD_IN_PATHS('central_household_link.household_id'),
    // The central household's own household is kept on the row: no policy here reads party_organization (whose policy reads this).
    member: readOnly('household_id = sg_household() OR central_household_id = sg_household()'),
    department: DEPARTMENT('PartyOrganization'),
  },
  party_service_post: {
    street: STAFF,
    leader: readOnly('true'),
    member: readOnly('true'),
    department: readOnly('true'),
    anonymous: readOnly('true'),
  },
  case: {
    street: 'true',
    leader: `${IN_PATHS('grid_path')} OR reporter_user_id = sg_user()`,
    member: 'reporter_user_id = sg_user()',
    department: DEPARTMENT_CASE,
  },
  case_event: {
    street: 'true',
    leader: `${IN_PATHS('grid_path')} OR ${OWN_CASE('case_event.case_id')}`,
    member: OWN_CASE('case_event.case_id'),
    department:
      `'Case' = ANY(sg_scopes()) ` +
      `OR EXISTS (SELECT 1 FROM "case" c WHERE c.id = case_event.case_id ` +
      `AND (c.department_id = sg_department() OR c.organization_id = sg_organization()))`,
  },
  /** Invitation codes (邀请注册): street staff read them, admins and the leaders of the resident's grid issue them. */
  invitation: { street: STAFF, leader: IN_PATHS('grid_path') },
  /** The street's case rules (a rating that sends a case back for rework): everyone applies them, admins set them. */
  case_rule: { street: STAFF, leader: readOnly('true'), member: readOnly('true'), department: readOnly('true') },
  /** The street's assessment schemes (考核评价): street staff and leaders read them (their scores explain themselves), admins set them. */
  assessment_scheme: { street: STAFF, leader: readOnly('true') },
  service_registration: {
    street: STAFF,
    // The resources list of the communities they work in, and any helper proposed for a need in their grids.
    leader:
      `community_id = ANY(sg_communities())
      OR EXISTS (SELECT 1 FROM service_match x JOIN service_need n ON n.id = x.need_id ` +
      `WHERE x.registration_id = service_registration.id AND ${IN_PATHS('n.grid_path')})`,
    member: 'user_id = sg_user()',
  },
  service_availability: {
    street: STAFF,
    leader: VIA_REGISTRATION('service_availability.registration_id'),
    member: VIA_REGISTRATION('service_availability.registration_id'),
  },
  service_need: {
    street: STAFF,
    leader: IN_PATHS('grid_path'),
    // Their household's needs, and the needs of tasks confirmed to them.
    member:
      `household_id = sg_household()
      OR EXISTS (SELECT 1 FROM service_match x WHERE x.need_id = service_need.id ` +
      `AND x.status IN ${HELPER_MATCH} AND ${OWN_REGISTRATION('x.registration_id')})`,
  },
  service_match: {
    street: STAFF,
    leader: `EXISTS (SELECT 1 FROM service_need n WHERE n.id = service_match.need_id AND ${IN_PATHS('n.grid_path')})`,
    member: `status IN ${HELPER_MATCH} AND ${OWN_REGISTRATION('service_match.registration_id')}`,
  },
  service_record: {
    street: STAFF,
    leader: VIA_REGISTRATION('service_record.registration_id'),
    member: VIA_REGISTRATION('service_record.registration_id'),
  },
  service_evaluation: {
    street: STAFF,
    leader: VIA_REGISTRATION('service_evaluation.registration_id'),
    member: readOnly(VIA_REGISTRATION('service_evaluation.registration_id')),
  },
  /** The service audit log: staff read it; leaders and members append and read back what they wrote. */
  service_event: { street: { read: 'true', write: 'true' }, leader: 'actor_user_id = sg_user()', member: 'actor_user_id = sg_user()' },
  micro_wish: {
    street: STAFF,
    leader: IN_PATHS('grid_path'),
    // The public board, and their own household's wishes at any stage.
    member: `status IN ('PUBLISHED', 'CLAIMED', 'FULFILLED', 'THANKED') OR household_id = sg_household()`,
  },
  wish_claim: {
    street: STAFF,
    leader: `EXISTS (SELECT 1 FROM micro_wish w WHERE w.id = wish_claim.wish_id AND ${IN_PATHS('w.grid_path')})`,
    member:
      `${OWN_REGISTRATION('wish_claim.registration_id')} ` +
      `OR EXISTS (SELECT 1 FROM micro_wish w WHERE w.id = wish_claim.wish_id AND w.household_id = sg_household())`,
  },
  household_visit: { street: STAFF, leader: HOUSEHOLD_IN_PATHS('household_visit.household_id') },
  // 工作例会: street staff all; a leader those of the communities they work in (the service checks who may record).
  work_meeting: { street: STAFF, leader: 'community_id = ANY(sg_communities())' },
  /**
   * 五方联动 organisations: a leader keeps those of the grids they lead (a community's secretary all of the community's,
   * a compound's leader the compound's) and reads the published ones above them; a resident reads the published ones
   * of their community and compound.
   */
  organization: {
    street: STAFF,
    leader: { read: `grid_path <@ ANY(sg_paths()) OR (published AND grid_path @> ANY(sg_paths()))`, write: 'grid_path <@ ANY(sg_paths())' },
    member: readOnly('published AND archived_at IS NULL AND grid_path @> sg_home()'),
    // An organisation's own staff (ORGANIZATION_STAFF) read their organisation; departments' keys and staff none.
    department: readOnly('id = sg_organization()'),
  },
  organization_grid: {
    street: STAFF,
    leader: {
      read: 'EXISTS (SELECT 1 FROM organization o WHERE o.id = organization_grid.organization_id)',
      write: `EXISTS (SELECT 1 FROM organization o WHERE o.id = organization_grid.organization_id AND o.grid_path <@ ANY(sg_paths()))`,
    },
    member: readOnly('EXISTS (SELECT 1 FROM organization o WHERE o.id = organization_grid.organization_id)'),
  },
  /** Members of organisations: readable with their organisation; kept by whoever keeps it. */
  organization_member: {
    street: STAFF,
    leader: {
      read: 'EXISTS (SELECT 1 FROM organization o WHERE o.id = organization_member.organization_id)',
      write: `EXISTS (SELECT 1 FROM organization o WHERE o.id = organization_member.organization_id AND o.grid_path <@ ANY(sg_paths()))`,
    },
    member: readOnly('EXISTS (SELECT 1 FROM organization o WHERE o.id = organization_member.organization_id)'),
  },
  /** 两代表一委员, 经济能人, 贤达人士: kept by the leaders of the resident's grids; a resident reads their own. */
  public_role: {
    street: STAFF,
    leader: IN_PATHS('grid_path'),
    member: readOnly('EXISTS (SELECT 1 FROM resident r WHERE r.id = public_role.resident_id AND r.household_id = sg_household())'),
  },
  /** 矛盾调解 records: street staff; the leaders of the grid it concerns (parties' names: never residents). */
  mediation_record: { street: STAFF, leader: IN_PATHS('grid_path') },

  // 议事协商: a leader keeps those of their subtrees; everyone else reads the published ones around their home and those they are invited to.
  consultation: {
    street: STAFF,
    leader: { read: `${IN_PATHS('grid_path')} OR ${CONCERNS_HOME} OR ${INVITED('consultation.id')}`, write: IN_PATHS('grid_path') },
    member: readOnly(`${CONCERNS_HOME} OR ${INVITED('consultation.id')}`),
  },
  // An invitation: the consultation's keeper sees the list; an invited person their own invitation (never the whole list).
  consultation_invitee: {
    street: STAFF,
    // It carries its consultation's grid_path: this policy must not read consultation, whose policy reads this table.
    leader: { read: `${IN_PATHS('grid_path')} OR ${MY_INVITATION}`, write: IN_PATHS('grid_path') },
    member: readOnly(MY_INVITATION),
  },
  // Resolutions stay on their consultation: whoever reads the consultation reads them; its keeper records them.
  resolution: {
    street: STAFF,
    leader: {
      read: `EXISTS (SELECT 1 FROM consultation c WHERE c.id = resolution.consultation_id)`,
      write: CONSULTATION_KEPT('resolution.consultation_id'),
    },
    member: readOnly(`EXISTS (SELECT 1 FROM consultation c WHERE c.id = resolution.consultation_id)`),
  },
  // 项目清单: a leader keeps the projects of their subtrees; residents read the published ones around their home.
  project: {
    street: STAFF,
    leader: { read: `${IN_PATHS('grid_path')} OR ${CONCERNS_HOME}`, write: IN_PATHS('grid_path') },
    member: readOnly(CONCERNS_HOME),
  },
  project_pledge: {
    street: STAFF,
    leader: { read: PROJECT_SEEN('project_pledge.project_id'), write: PROJECT_KEPT('project_pledge.project_id') },
    member: readOnly(PROJECT_SEEN('project_pledge.project_id')),
  },
  project_milestone: {
    street: STAFF,
    leader: { read: PROJECT_SEEN('project_milestone.project_id'), write: PROJECT_KEPT('project_milestone.project_id') },
    member: readOnly(PROJECT_SEEN('project_milestone.project_id')),
  },
  // Teams and their activities are open to every helper (they recruit); a leader manages those of the communities they work in.
  volunteer_team: { street: STAFF, leader: { read: 'true', write: 'community_id = ANY(sg_communities())' }, member: readOnly('true') },
  team_member: {
    street: STAFF,
    leader: `EXISTS (SELECT 1 FROM volunteer_team t WHERE t.id = team_member.team_id AND t.community_id = ANY(sg_communities()))`,
    member: readOnly(OWN_REGISTRATION('team_member.registration_id')),
  },
  team_activity: {
    street: STAFF,
    leader: {
      read: 'true',
      write: `EXISTS (SELECT 1 FROM volunteer_team t WHERE t.id = team_activity.team_id AND t.community_id = ANY(sg_communities()))`,
    },
    member: readOnly('true'),
  },
  activity_signup: {
    street: STAFF,
    leader:
      `EXISTS (SELECT 1 FROM team_activity a JOIN volunteer_team t ON t.id = a.team_id ` +
      `WHERE a.id = activity_signup.activity_id AND t.community_id = ANY(sg_communities()))`,
    member: OWN_REGISTRATION('activity_signup.registration_id'),
  },
  /**
   * 宣传 (publicity): notices, deeds and community activities of a grid. Street staff read all, admins write; a leader keeps those
   * of their subtree and reads what is published above it (a compound's leader marks the community's notices read); a resident
   * or volunteer reads only what is published for a grid that holds their home. The posts board reads the public_* views.
   */
  notice: { street: STAFF, leader: PUBLICITY_LEADER, member: PUBLICITY_MEMBER },
  /** Read receipts: each leader appends their own; whoever sees the notice sees who read it. */
  notice_receipt: {
    street: readOnly('true'),
    leader: { read: 'EXISTS (SELECT 1 FROM notice n WHERE n.id = notice_receipt.notice_id)', insert: 'user_id = sg_user()' },
  },
  /** 居民公约: every version is published; a community's own leaders write new versions. */
  covenant_version: {
    street: STAFF,
    leader: { read: 'community_id = ANY(sg_communities())', write: IN_PATHS('grid_path') },
    member: readOnly('grid_path @> sg_home()'),
  },
  exemplary_deed: { street: STAFF, leader: PUBLICITY_LEADER, member: PUBLICITY_MEMBER },
  community_activity: { street: STAFF, leader: PUBLICITY_LEADER, member: PUBLICITY_MEMBER },
  /** Sign-ups: a leader those of activities in their subtree (attendance); a resident their own (sign up, withdraw). */
  community_activity_signup: {
    street: STAFF,
    leader:
      `user_id = sg_user() OR EXISTS (SELECT 1 FROM community_activity a ` +
      `WHERE a.id = community_activity_signup.activity_id AND ${IN_PATHS('a.grid_path')})`,
    member: 'user_id = sg_user()',
  },
  app_user: {
    street: { read: `${ADMIN} OR id = sg_user()`, write: ADMIN },
    // A large-grid leader also reads the accounts they manage (policy.ts: resident, volunteer and leader accounts of their community,
    // and the staff of the community's organisations).
    leader: readOnly(`id = sg_user() OR (role IN ('RESIDENT', 'VOLUNTEER', 'GRID_LEADER') AND (
      EXISTS (SELECT 1 FROM user_grid ug JOIN grid g ON g.id = ug.grid_id WHERE ug.user_id = app_user.id AND ${BELOW_COMMUNITY('g.path')})
      OR EXISTS (SELECT 1 FROM resident r WHERE r.id = app_user.resident_id AND ${BELOW_COMMUNITY('r.grid_path')})))
      OR (role = 'ORGANIZATION_STAFF' AND EXISTS (SELECT 1 FROM organization o WHERE o.id = app_user.organization_id
        AND EXISTS (SELECT 1 FROM unnest(sg_paths()) c WHERE nlevel(c) = 2 AND o.grid_path <@ c)))`),
    member: readOnly('id = sg_user()'),
    // A department's staff read their own account (an API key has none).
    department: readOnly('id = sg_user()'),
  },
  user_grid: {
    street: { read: `${ADMIN} OR user_id = sg_user()`, write: ADMIN },
    leader: readOnly(
      `user_id = sg_user() OR EXISTS (SELECT 1 FROM grid g WHERE g.id = user_grid.grid_id AND ${BELOW_COMMUNITY('g.path')})`,
    ),
    member: readOnly('user_id = sg_user()'),
  },
  api_key: { street: { read: ADMIN, write: ADMIN } },
  /** The audit log of personal-data reads: written by whoever may reveal, read by street admins. */
  personal_data_access: {
    street: { read: ADMIN, write: false, insert: ADMIN },
    leader: { insert: 'true' },
    department: { insert: `'Resident:personal' = ANY(sg_scopes())` },
  },
  /** Changes to accounts: appended by whoever may make them, read by street admins (a leader reads their own entries). */
  account_audit: {
    street: { read: ADMIN, write: false, insert: ADMIN },
    leader: { read: 'actor_user_id = sg_user()', write: false, insert: 'actor_user_id = sg_user()' },
  },
  refresh_token: {},
  login_failure: {},
  /** 消息通知: each person their own inbox and preferences (marking read is an update of their own rows). */
  notification: {
    street: 'user_id = sg_user()',
    leader: 'user_id = sg_user()',
    member: 'user_id = sg_user()',
    // Department staff (an API key has no user: sg_user() is null).
    department: 'user_id = sg_user()',
  },
  notification_preference: {
    street: 'user_id = sg_user()',
    leader: 'user_id = sg_user()',
    member: 'user_id = sg_user()',
    // Department staff (an API key has no user: sg_user() is null).
    department: 'user_id = sg_user()',
  },
  /** The base map (roads, water, green): not sensitive, read by everyone signed in; street admins (and the import) write it. */
  basemap_feature: { street: STAFF, leader: readOnly('true'), member: readOnly('true'), department: readOnly('true') },
  /** Messages waiting to go out (phone numbers inside): the notify worker's, as the system; no viewer sees them. */
  outbox: {},
  /** Deleted rows for departments' syncs (written by triggers, as the owner): the kinds a key's scopes name, its department's cases. */
  tombstone: {
    street: readOnly('true'),
    leader: readOnly(IN_PATHS('grid_path')),
    department: readOnly(`kind = ANY(sg_scopes()) OR (kind = 'Case' AND department_id = sg_department())`),
  },
};

/**
 * Grants a table to the viewer roles and turns on (and forces) row-level security. Its
 * policies come from `RLS_TABLES` through `syncPolicies`, after the migrations; a migration
 * that adds a table calls this and adds its rules (a test fails for a table without them).
 */
export async function secureTable(q: QueryRunner, table: string): Promise<void> {
  const t = `"${table}"`;
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO sg_viewer`);
  await q.query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
}

/**
 * A rule's SQL with every setting function read once per statement: `sg_paths()` becomes
 * `(SELECT sg_paths())`, an InitPlan whose value the executor keeps, where the bare call is
 * evaluated for each row (a leader's residents page parsed the `ltree[]` setting for every row
 * the policy dropped). The same rewrite PostgreSQL's and Supabase's RLS guides recommend.
 */
export function readSettingsOnce(rule: string): string {
  return rule
    .replace(/\bANY\(sg_(\w+)\(\)\)/g, (_, f: string) => `ANY((SELECT sg_${f}())::${ARRAY_SETTINGS[f]})`)
    .replace(/(?<!SELECT )\bsg_(\w+)\(\)/g, '(SELECT sg_$1())');
}
/**
 * The array settings' types: `x = ANY((SELECT f()))` would compare x with each row of a
 * subquery (an array against a scalar), so inside ANY the InitPlan is cast back to its array.
 */
const ARRAY_SETTINGS: Record<string, string> = { paths: 'ltree[]', communities: 'uuid[]', scopes: 'text[]' };

/** Every policy `RLS_TABLES` asks for, as SQL, table by table. */
export function policyStatements(): { table: string; statements: string[] }[] {
  return Object.entries(RLS_TABLES).map(([table, tableRules]) => {
    const rules = Object.fromEntries(
      Object.entries(tableRules).map(([kind, rule]: [string, Rule]) => [
        kind,
        typeof rule === 'string'
          ? readSettingsOnce(rule)
          : {
              read: rule.read && readSettingsOnce(rule.read),
              write: rule.write && readSettingsOnce(rule.write),
              insert: rule.insert && readSettingsOnce(rule.insert),
            },
      ]),
    ) as TableRules;
    const t = `"${table}"`;
    // The owner (whoever runs this, at start): migrations, seeding, sign-in and the sweeps see everything.
    const statements = [`CREATE POLICY ${table}_system ON ${t} TO CURRENT_USER USING (true) WITH CHECK (true)`];
    for (const [kind, rule] of Object.entries(rules) as [keyof TableRules, Rule][]) {
      const role = ROLE_OF[kind];
      const name = `${table}_${kind}`;
      if (typeof rule === 'string') {
        statements.push(`CREATE POLICY ${name} ON ${t} FOR ALL TO ${role} USING (${rule}) WITH CHECK (${rule})`);
        continue;
      }
      if (rule.read) statements.push(`CREATE POLICY ${name}_read ON ${t} FOR SELECT TO ${role} USING (${rule.read})`);
      if (rule.write) {
        statements.push(`CREATE POLICY ${name}_insert ON ${t} FOR INSERT TO ${role} WITH CHECK (${rule.write})`);
        statements.push(`CREATE POLICY ${name}_update ON ${t} FOR UPDATE TO ${role} USING (${rule.write}) WITH CHECK (${rule.write})`);
        statements.push(`CREATE POLICY ${name}_delete ON ${t} FOR DELETE TO ${role} USING (${rule.write})`);
      }
      if (rule.insert) statements.push(`CREATE POLICY ${name}_append ON ${t} FOR INSERT TO ${role} WITH CHECK (${rule.insert})`);
    }
    return { table, statements };
  });
}

/**
 * Makes the database's policies those of `RLS_TABLES`, after the migrations at every start.
 * Policies are derived from code like a view, not frozen in a migration: a rule edited here
 * reaches every database, and a migration never runs rules that name columns a later one adds.
 * Skipped when the stored hash matches; serialised between processes by an advisory lock;
 * one transaction, so no caller ever meets a table without its policies.
 */
export async function syncPolicies(ds: DataSource): Promise<'unchanged' | 'updated'> {
  const tables = policyStatements();
  const hash = createHash('sha256').update(JSON.stringify(tables)).digest('hex');
  return ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('streetgrid:rls'))`);
    const [row]: { hash: string }[] = await m.query(`SELECT hash FROM rls_state WHERE id = 1`);
    if (row?.hash === hash) return 'unchanged';
    for (const { table, statements } of tables) {
      const existing: { policyname: string }[] = await m.query(
        `SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = $1`,
        [table],
      );
      for (const p of existing) await m.query(`DROP POLICY "${p.policyname}" ON "${table}"`);
      for (const sql of statements) await m.query(sql);
    }
    await m.query(`INSERT INTO rls_state (id, hash) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, at = now()`, [
      hash,
    ]);
    return 'updated';
  });
}
