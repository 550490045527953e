import type { DocumentType } from '../../graphql/generated';
import { COMMUNITY_CODE } from '../../domain/services/echoLink';
import type { ECHO_WALL_QUERY } from './operations';

/** One item of the echo wall (回音壁), as `echoWall` answers it: no names, no addresses. */
export type EchoItem = DocumentType<typeof ECHO_WALL_QUERY>['echoWall'][number];

/** What the address asks of the echo wall. */
export interface EchoRequest {
  /** The address is the echo wall's: `/echo`, or `?echo` on any page. */
  requested: boolean;
  /** The community to show (`?community=<code>`, the QR code's link), when it is a well-formed code. */
  communityCode: string | null;
  /** A `community` the address gave that is not a community code. */
  badCode: string | null;
}

/**
 * `/echo` lists the communities to pick from; `/echo?community=330106001001` — what a QR code
 * at the community's door carries — opens that community's wall. `?echo` and
 * `?echo=<code>` (older links) mean the same.
 */
export function echoFromLocation(pathname: string, search: string): EchoRequest {
  const params = new URLSearchParams(search);
  const requested = /\/echo\/?$/.test(pathname) || params.has('echo');
  if (!requested) return { requested: false, communityCode: null, badCode: null };
  const given = (params.get('community') ?? params.get('echo') ?? '').trim();
  if (given === '') return { requested, communityCode: null, badCode: null };
  return COMMUNITY_CODE.test(given)
    ? { requested, communityCode: given, badCode: null }
    : { requested, communityCode: null, badCode: given };
}

/** Items grouped by compound (中网格), compounds in order of their newest item; items keep the API's order (newest first). */
export function groupByCompound(items: readonly EchoItem[]): { compound: string; items: EchoItem[] }[] {
  const groups = new Map<string, EchoItem[]>();
  for (const item of items) {
    const list = groups.get(item.compound);
    if (list) list.push(item);
    else groups.set(item.compound, [item]);
  }
  return [...groups].map(([compound, list]) => ({ compound, items: list }));
}
