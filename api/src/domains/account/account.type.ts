import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import type { UserRole } from '../../platform/identity/viewer';

export enum Role {
  STREET_ADMIN = 'STREET_ADMIN',
  OPERATOR = 'OPERATOR',
  GRID_LEADER = 'GRID_LEADER',
  VOLUNTEER = 'VOLUNTEER',
  RESIDENT = 'RESIDENT',
  DEPARTMENT_STAFF = 'DEPARTMENT_STAFF',
  ORGANIZATION_STAFF = 'ORGANIZATION_STAFF',
}
registerEnumType(Role, {
  name: 'Role',
  description:
    'STREET_ADMIN 街道管理员, OPERATOR 指挥中心值班员, GRID_LEADER 网格长, VOLUNTEER 党员/志愿者, RESIDENT 居民, DEPARTMENT_STAFF 职能部门工作人员, ' +
    'ORGANIZATION_STAFF 物业公司等组织的工作人员',
});

@ObjectType({ description: 'The signed-in user' })
export class Me {
  @Field(() => ID)
  id!: string;

  @Field()
  login!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: UserRole;

  @Field(() => [ID], { description: 'Grids a GRID_LEADER leads' })
  gridIds!: string[];

  @Field(() => ID, { nullable: true, description: 'The department (departments) a DEPARTMENT_STAFF account works for' })
  departmentId!: string | null;

  @Field(() => String, { nullable: true, description: 'Its name' })
  departmentName!: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation (organizations) an ORGANIZATION_STAFF account works for' })
  organizationId!: string | null;

  @Field(() => String, { nullable: true, description: 'Its name' })
  organizationName!: string | null;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Bearer token for the Authorization header (short-lived)' })
  accessToken!: string;

  @Field(() => Int, { description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @Field({ description: 'Exchange it with `refresh` for a new pair; single use' })
  refreshToken!: string;

  @Field(() => Me)
  user!: Me;
}

@ObjectType({ description: "A department's API key (the secret itself is shown only once, on creation)" })
export class ApiKeyInfo {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  department!: string;

  @Field({ description: 'The first characters, to recognise a key' })
  prefix!: string;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => Int)
  ratePerMinute!: number;

  @Field(() => String, { nullable: true })
  revokedAt!: string | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field({ description: 'The key: shown once, stored only hashed. Send it as `Authorization: ApiKey <key>`' })
  key!: string;

  @Field(() => ApiKeyInfo)
  info!: ApiKeyInfo;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  name!: string;

  @Field()
  department!: string;

  @Field(() => [String], { description: 'Street, Grid, Building, Household, Resident, Resident:personal, PartyOrganization, Case' })
  scopes!: string[];

  @Field(() => Int, { defaultValue: 600 })
  ratePerMinute!: number;
}

@ObjectType({ description: 'One read of personal data (个人信息访问记录)' })
export class PersonalDataAccess {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: string;

  @Field()
  actor!: string;

  @Field()
  actorRole!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => [String])
  fields!: string[];

  @Field()
  reason!: string;
}

@ObjectType({ description: 'Unmasked personal data, read with a stated reason and audited' })
export class PersonalData {
  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  idNumber!: string | null;
}

@ObjectType({ description: 'An account as the street admins (and a community’s large-grid leader) manage it; never its password' })
export class UserAccount {
  @Field(() => ID)
  id!: string;

  @Field()
  login!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: UserRole;

  @Field({ description: 'A disabled account cannot sign in; its sign-ins were ended when it was disabled' })
  disabled!: boolean;

  @Field(() => [ID], { description: 'The grids a GRID_LEADER leads' })
  gridIds!: string[];

  @Field(() => [String], { description: 'Their codes, in the same order' })
  gridCodes!: string[];

  @Field(() => ID, { nullable: true, description: 'The resident a RESIDENT or VOLUNTEER account is' })
  residentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The department a DEPARTMENT_STAFF account works for' })
  departmentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation (organizations) an ORGANIZATION_STAFF account works for' })
  organizationId!: string | null;

  @Field(() => String, { nullable: true, description: 'Its name' })
  organizationName!: string | null;

  @Field()
  createdAt!: string;
}

export const UserAccountConnection = Connection(UserAccount);

@InputType()
export class CreateUserInput {
  @Field({ description: '2–63 of a-z 0-9 . _ -, beginning with a letter or digit (stored lower-case)' })
  login!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: UserRole;

  @Field(() => [ID], { defaultValue: [], description: 'The grids a GRID_LEADER leads (at least one); none for other roles' })
  gridIds!: string[];

  @Field(() => ID, { nullable: true, description: 'The resident a RESIDENT or VOLUNTEER account is' })
  residentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The department (departments) a DEPARTMENT_STAFF account works for: required for that role, none for others',
  })
  departmentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The organisation (organizations) an ORGANIZATION_STAFF account works for: required for that role, none for others; ' +
      'a live one the caller manages (a community’s large-grid leader: one of their community)',
  })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: '8–200 characters; when absent a password is generated and answered once' })
  password?: string | null;

  @Field({ description: 'Why, for the account audit log' })
  reason!: string;
}

@ObjectType()
export class CreatedUser {
  @Field(() => UserAccount)
  user!: UserAccount;

  @Field(() => String, {
    nullable: true,
    description: 'The generated password: shown this once, stored only hashed (null when one was given)',
  })
  password!: string | null;
}

@ObjectType()
export class UserPasswordReset {
  @Field(() => UserAccount)
  user!: UserAccount;

  @Field({ description: 'The new password: shown this once, stored only hashed; every sign-in of the account was ended' })
  password!: string;
}

@ObjectType({ description: '账号变更记录 — one change to an account: who made it, what and why' })
export class AccountChange {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: string;

  @Field({ description: '`user:<login>` of the account that made it, or `cli:<os user>` for the command line' })
  actor!: string;

  @Field({ description: 'CREATED, DISABLED, ENABLED, PASSWORD_RESET or ROLE_CHANGED' })
  action!: string;

  @Field(() => ID)
  userId!: string;

  @Field({ description: 'The login of the account changed' })
  login!: string;

  @Field()
  reason!: string;
}
