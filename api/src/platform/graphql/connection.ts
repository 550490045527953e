import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when a query selects it (see `lazyCount`). */
  totalCount: number | Promise<number>;
}

/**
 * The fields every `<Node>Connection` has, on an abstract type the schema never names
 * (type-graphql 2 emits only the types reachable from a resolver):
 * `Connection` names it, `SyncConnection` (sync.ts) adds the sync's cursor and tombstones.
 */
export function ConnectionFields<T extends object>(Node: ClassType<T>) {
  @ObjectType(`${Node.name}ConnectionFields`)
  abstract class ConnectionFieldsType implements ConnectionShape<T> {
    @Field(() => [Node])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'All matches, regardless of paging' })
    totalCount!: number | Promise<number>;
  }
  return ConnectionFieldsType;
}

/** A cursor connection type for `Node`, named `<Node>Connection`. */
export function Connection<T extends object>(Node: ClassType<T>) {
  @ObjectType(`${Node.name}Connection`)
  class ConnectionType extends ConnectionFields(Node) {}
  return ConnectionType;
}

export const MAX_PAGE = 500;

/** Validates `first` against the maximum page size. */
export function pageSize(first: number | undefined | null, fallback = 50): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw badInput('first', `must be an integer from 1 to ${MAX_PAGE}`);
  return n;
}

/** Cursors are opaque: base64url of the sort key of the last row. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor == null) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor) throw badInput('after', 'is not a cursor from this API');
  return key;
}

/**
 * Builds a connection from `limit + 1` rows fetched after the cursor. `count` runs only if
 * the query selects `totalCount` (GraphQL reads the property; the getter starts the count
 * then, once): a page that does not ask for the total costs no `COUNT(*)` over every match.
 */
export function toConnection<T>(rows: T[], limit: number, count: () => Promise<number>, keyOf: (row: T) => string): ConnectionShape<T> {
  const nodes = rows.slice(0, limit);
  const last = nodes[nodes.length - 1];
  let total: Promise<number> | undefined;
  return {
    nodes,
    get totalCount() {
      return (total ??= count());
    },
    pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(keyOf(last)) : null },
  };
}

/**
 * Runs a filtered query as one page of a connection, keyset-paginated on `keyColumn`
 * (unique, e.g. `b.id`), ascending or descending (`DESC`: newest first on a sequence, so an
 * index on the column serves the order backwards instead of sorting every match): the page,
 * and the count when `totalCount` is selected. With `compiled` (a JSON expression over the
 * query's rows, from `compileSelection`), the nodes are that JSON, built in the page's statement.
 */
export async function paginate<T extends object>(
  qb: import('typeorm').SelectQueryBuilder<T>,
  keyColumn: string,
  keyOf: (row: T) => string,
  args: { first?: number | null; after?: string | null },
  direction: 'ASC' | 'DESC' = 'ASC',
  compiled?: import('./compiled-read').CompiledJson | null,
): Promise<ConnectionShape<T>> {
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after);
  const counter = qb.clone();
  if (after) qb.andWhere(`${keyColumn} ${direction === 'ASC' ? '>' : '<'} :__after`, { __after: after });
  qb.orderBy(keyColumn, direction).limit(limit + 1);
  if (compiled) {
    const raw: { key: string; node: T }[] = await qb
      .select(`(${keyColumn})::text`, 'key')
      .addSelect(compiled.json, 'node')
      .setParameters(compiled.params)
      .getRawMany();
    const page = toConnection(
      raw,
      limit,
      () => counter.getCount(),
      (r) => r.key,
    );
    return Object.assign(page, { nodes: page.nodes.map((r) => r.node) }) as unknown as ConnectionShape<T>;
  }
  return toConnection(await qb.getMany(), limit, () => counter.getCount(), keyOf);
}
