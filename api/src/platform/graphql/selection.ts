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
