import type { DomainManifest } from '../../platform/domain';
import { AuthResolver } from './account.resolver';
import { InvitationResolver } from './invitation.resolver';
import { UserAdminResolver } from './user.resolver';

/** Accounts: sign-in, invitations, the signed-in user, account administration, departments' API keys, the personal-data audit log. */
export const account: DomainManifest = {
  name: 'account',
  resolvers: [AuthResolver, UserAdminResolver, InvitationResolver],
};
