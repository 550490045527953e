import type { DomainManifest } from '../../platform/domain';
import { MediationRecord, OrganizationMember } from './mediation.entity';
import { MediationResolver, OrganizationMembersResolver } from './mediation.resolver';
import { Organization } from './organization.entity';
import { createOrganizationLoaders } from './organization.loader';
import { GridOrganizationResolver, OrganizationResolver } from './organization.resolver';

/**
 * 五方联动 — the registry of organisations (业委会, 物业公司, 共建单位, 社会组织, councils) of communities and compounds,
 * their members, residents' public roles, and mediation records (矛盾调解) that close their DISPUTE cases.
 */
export const organization: DomainManifest = {
  name: 'organization',
  entities: [Organization, OrganizationMember, MediationRecord],
  resolvers: [OrganizationResolver, GridOrganizationResolver, OrganizationMembersResolver, MediationResolver],
  loaders: createOrganizationLoaders,
};
