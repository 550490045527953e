import type { DocumentType } from '../../graphql/generated';
import type { ECHO_WALL_QUERY } from './operations';

/** One item of the echo wall (回音壁), as `echoWall` answers it: no names, no addresses. */
export type EchoItem = DocumentType<typeof ECHO_WALL_QUERY>['echoWall'][number];

/** Whether the address asks for the echo wall (`?echo` or `?echo=<communityId>`), and which community. */
export function echoFromSearch(search: string): { requested: boolean; communityId: string | null } {
  const params = new URLSearchParams(search);
  if (!params.has('echo')) return { requested: false, communityId: null };
  const id = params.get('echo')?.trim() ?? '';
  return { requested: true, communityId: id === '' ? null : id };
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
