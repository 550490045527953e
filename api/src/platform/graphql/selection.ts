import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, simplifyParsedResolveInfoFragmentWithType, type ResolveTree } from 'graphql-parse-resolve-info';

/**
 * The names of the fields a query selects under the field being resolved (aliases, inline
 * fragments and fragment spreads merged; `__typename` left out): what a resolver must read.
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const parsed = parseResolveInfo(info) as ResolveTree | null;
  if (!parsed) return new Set();
  const { fields } = simplifyParsedResolveInfoFragmentWithType(parsed, info.returnType);
  return new Set(
    Object.values(fields)
      .map((f) => (f as ResolveTree).name)
      .filter((name) => name !== '__typename'),
  );
}

/**
 * Whether the query selects the field at `path` under the field being resolved (by field
 * name, through any alias or fragment): e.g. `['nodes', 'grid']` on a connection.
 */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let trees: ResolveTree[] = [parseResolveInfo(info) as ResolveTree | null].filter((t): t is ResolveTree => t != null);
  for (const name of path) {
    trees = trees.flatMap((t) =>
      Object.values(t.fieldsByTypeName).flatMap((fields) => Object.values(fields).filter((f) => (f as ResolveTree).name === name)),
    ) as ResolveTree[];
    if (!trees.length) return false;
  }
  return true;
}
