/** What the address asks of the unit's rating page. */
export interface UnitRequest {
  /** The address is the rating page's: `/unit-evaluation`. */
  requested: boolean;
  /** The signed link's token (the address's fragment), or null when there is none. */
  token: string | null;
}

/**
 * `/unit-evaluation#<token>` — the link a community leader hands a member's work unit (双评议): the
 * token rides in the fragment, which the browser never sends to a server.
 */
export function unitFromLocation(pathname: string, hash: string): UnitRequest {
  if (!/^\/unit-evaluation\/?$/.test(pathname)) return { requested: false, token: null };
  const token = decodeURIComponent(hash.replace(/^#/, '')).trim();
  return { requested: true, token: token === '' ? null : token };
}

/** Why a link does not open, from the API's refusal: expired, or not a valid link at all. */
export function linkProblem(reason: unknown): 'expired' | 'invalid' {
  return reason === 'expired' ? 'expired' : 'invalid';
}
