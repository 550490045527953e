import { BOARD_CODE } from '../../domain/party/postsLink';

/** What the address asks of the posts board. */
export interface PostsRequest {
  /** The address is the posts board's: `/p/<code>`. */
  requested: boolean;
  /** The grid to show, when the address holds a well-formed code. */
  code: string | null;
  /** A code the address gave that is not a grid code. */
  badCode: string | null;
}

/** `/p/330106001001001` — what the QR code on a stairwell poster carries — opens that grid's posts board. */
export function postsFromLocation(pathname: string): PostsRequest {
  const match = /^\/p\/([^/]*)\/?$/.exec(pathname);
  if (!match) return { requested: false, code: null, badCode: null };
  const given = decodeURIComponent(match[1]).trim();
  return BOARD_CODE.test(given) ? { requested: true, code: given, badCode: null } : { requested: true, code: null, badCode: given };
}
