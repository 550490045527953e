import type { Context } from '../../app/context';
import type { PartyOrganization } from './party.entity';

export function resolvePartyOrganizationReference(ref: { id: string }, ctx: Context): Promise<PartyOrganization | null> {
  return ctx.loaders.partyOrgById.load(ref.id);
}
