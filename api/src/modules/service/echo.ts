import { Field, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { badInput } from '../../graphql/errors';

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

/** Every community (LARGE grid), by code: the echo wall's public list. */
export function echoCommunities(ds: DataSource): Promise<EchoCommunity[]> {
  return ds.query(`SELECT code, name FROM grid WHERE level = 'LARGE' ORDER BY code`);
}

/** The id of the community with this code; BAD_USER_INPUT naming `communityCode` when there is none. */
export async function communityIdByCode(ds: DataSource, code: string): Promise<string> {
  if (!COMMUNITY_CODE.test(code)) throw badInput('communityCode', 'must be a community code of 12 digits');
  const [row]: { id: string }[] = await ds.query(`SELECT id FROM grid WHERE code = $1 AND level = 'LARGE'`, [code]);
  if (!row) throw badInput('communityCode', `no community has the code ${code}`);
  return row.id;
}
