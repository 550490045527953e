import { Field, ObjectType } from 'type-graphql';
import type { Db } from '../../../platform/db/session';
import { badInput } from '../../../platform/graphql/errors';

/** A community's code: its street's 9 digits and its own 3 (a LARGE grid). */
const COMMUNITY_CODE = /^\d{12}$/;

/** A community as the public echo wall names it: its name and code, nothing else. */
@ObjectType({ description: '回音壁 — a community anyone may look up: name and code only' })
export class EchoCommunity {
  @Field({ description: '12 digits: the street (9) and the community (3); what a QR code to the wall carries' })
  code!: string;

  @Field()
  name!: string;
}

/**
 * Every community (LARGE grid), by code: the echo wall's public list. It reads the
 * `public_community` projection, which every database role may read (row-level security
 * hides the grid table itself from an anonymous caller).
 */
export function echoCommunities(db: Db): Promise<EchoCommunity[]> {
  return db.query(`SELECT code, name FROM public_community ORDER BY code`);
}

/** The id of the community with this code; BAD_USER_INPUT naming `communityCode` when there is none. */
export async function communityIdByCode(db: Db, code: string): Promise<string> {
  if (!COMMUNITY_CODE.test(code)) throw badInput('communityCode', 'must be a community code of 12 digits');
  const [row]: { id: string }[] = await db.query(`SELECT id FROM public_community WHERE code = $1`, [code]);
  if (!row) throw badInput('communityCode', `no community has the code ${code}`);
  return row.id;
}
