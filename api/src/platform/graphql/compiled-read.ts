import { getNamedType, type GraphQLResolveInfo, type GraphQLSchema, isNonNullType, isObjectType } from 'graphql';
import { notFound } from './errors';
import { parseResolveInfo, simplifyParsedResolveInfoFragmentWithType, type ResolveTree } from 'graphql-parse-resolve-info';
import { getMetadataStorage } from 'type-graphql';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { Db } from '../db/session';
import type { Class } from '../class';
import type { Scope, ScopedEntity } from '../identity/scope';

/**
 * Compiled reads (issue #15): a page's nodes, with the relations the query follows, built as
 * JSON by PostgreSQL in the page's own statement — one statement for the whole read, no
 * entity hydration, no per-level loader round trip, and only the columns the query selects.
 *
 * A type can be compiled when it is a TypeORM entity exposed as a type-graphql object type.
 * Its plain fields (a `@Field` on a mapped column, without arguments, middleware or a field
 * resolver) compile to their column; a field that a resolver computes (a masked phone, a
 * formatted number, an audited personal read) does not, unless a domain declares it in its
 * manifest's `reads` (a `ReadField`: a relation, counts, an expression). Whenever the selection
 * holds one field that does not compile, `compileSelection` answers null and the resolvers read
 * as before: the compiled read is an optimisation of exactly the reads it can reproduce, never
 * a second meaning. Rows are those the caller's session sees (row-level security) and, for related
 * rows, also the scope predicate their loader applies.
 */

/** A relation a compiled read may follow, as its field resolver answers it. */
export interface ReadRelation {
  /** The related GraphQL object type (a compiled type). */
  type: string;
  /** `one`: the row or null; `many`: a list (empty when none). */
  kind: 'one' | 'many';
  /** The join condition; `$parent` and `$child` stand for the two rows' aliases. */
  on: string;
  /**
   * `one`: the parent's column holding the related row's id. When the field is non-null and the
   * row is hidden, the answer is the field resolver's: NOT_FOUND with that id.
   */
  key?: string;
  /** `many`: the order the field resolver gives, over `$child`. */
  orderBy?: string;
  /** The scope predicate of this entity applies to the related rows (as its loader applies it). */
  scoped?: ScopedEntity;
}

/**
 * Counts over related rows, as an object of counts (e.g. a grid's subtree counts): each count
 * the query selects is one `count(*)` of `table` where `where` holds (`$parent`, `$child`).
 */
export interface ReadCounts {
  kind: 'counts';
  counts: Readonly<Record<string, CountSql>>;
}

/** One count: its table, its condition over `$parent` and `$child`, and the scope that narrows it (as its loader's). */
export interface CountSql {
  table: string;
  where: string;
  /**
   * A cheaper condition that counts the same rows wherever `when` holds of `$parent` (e.g. a
   * SMALL grid has no subtree, so a btree equality on its id replaces a GiST probe of its path).
   */
  leaf?: { when: string; where: string };
  scoped?: ScopedEntity;
}

/** One count as an SQL expression over `parent` (`child` aliases the counted rows), `visible` narrowing them. */
export function countExpression(count: CountSql, parent: string, child: string, visible: string): string {
  const over = (where: string) =>
    `(SELECT count(*) FROM ${ident(count.table)} ${child} WHERE ${aliased(where, parent, child)} AND (${visible}))::int`;
  return count.leaf
    ? `CASE WHEN ${aliased(count.leaf.when, parent)} THEN ${over(count.leaf.where)} ELSE ${over(count.where)} END`
    : over(count.where);
}

/** A field its resolver computes from the row alone, as the SQL expression over `$parent` that answers the same JSON. */
export interface ReadExpression {
  kind: 'expression';
  sql: string;
}

/** What a field of a compiled type may be besides a plain column. */
export type ReadField = ReadRelation | ReadCounts | ReadExpression;

/** The relations each domain lets compiled reads follow: GraphQL type → field → relation. */
export type ReadRelations = Readonly<Record<string, Readonly<Record<string, ReadField>>>>;

/** The key every compiled object carries: its fields are already resolved. GraphQL names cannot start with `$`. */
const COMPILED = '$compiled';

/** PostgreSQL's json_build_object takes at most 100 arguments (50 pairs): the mark and up to 48 more pairs, a relation's id included. */
const MAX_FIELDS = 48;

/** Column types whose `to_json` equals what the resolvers answer through pg and TypeORM. */
const JSON_SAFE = new Set([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'enum',
  'integer',
  'int',
  'smallint',
  'boolean',
  'double precision',
  'float8',
  'timestamptz',
  'date',
]);

interface CompiledType {
  table: string;
  columns: Map<string, string>;
  relations: Readonly<Record<string, ReadField>>;
}

/**
 * Whether an object was built by a compiled read: it holds only the fields its query selects,
 * so it must never be primed into a loader as a whole row.
 */
export function isCompiled(value: object): boolean {
  return (value as Record<string, unknown>)[COMPILED] === true;
}

/** The switch (config `compiledReads`, `COMPILED_READS=off`): off, everything is read through the resolvers. */
export const compiledReads = { enabled: true };

let relations: ReadRelations = {};
const types = new Map<string, CompiledType | null>();

/**
 * Registers the domains' relations and makes every field of the compiled types answer a
 * compiled object's own value (its resolver runs only for objects read the ordinary way).
 */
export function prepareCompiledReads(schema: GraphQLSchema, domains: readonly ReadRelations[]): void {
  // A type's relations may come from several domains (Household.building here, Household.residents there).
  const merged: Record<string, Record<string, ReadField>> = {};
  for (const domain of domains) for (const [type, fields] of Object.entries(domain)) Object.assign((merged[type] ??= {}), fields);
  relations = merged;
  types.clear();
  const related = Object.values(relations).flatMap((r) =>
    Object.values(r).flatMap((x) => (x.kind === 'counts' || x.kind === 'expression' ? [] : [x.type])),
  );
  for (const name of new Set([...Object.keys(relations), ...related])) {
    const type = schema.getType(name);
    if (!isObjectType(type)) throw new Error(`compiled reads: ${name} is not an object type`);
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || (resolve as { compiled?: true }).compiled) continue;
      const wrapped = (source: Record<string, unknown>, args: unknown, context: unknown, info: GraphQLResolveInfo) => {
        if (source[COMPILED] !== true) return resolve(source, args as never, context, info);
        const value = source[info.fieldName];
        if (value === null && isNonNullType(info.returnType))
          throw notFound(getNamedType(info.returnType).name, String(source[`$${info.fieldName}`] ?? ''));
        return value;
      };
      field.resolve = Object.assign(wrapped, { compiled: true as const });
    }
  }
}

/** A node's JSON expression over a row alias, with the named parameters (`:scope_…`) it uses. */
export interface CompiledJson {
  json: string;
  params: Record<string, unknown>;
}

/** Compiles the selection over the row alias a service's query gives its rows (null: read as usual). */
export type CompileNodes = (alias: string) => CompiledJson | null;

/**
 * For the field being resolved, the compiler of one node of `typeName` found at `path` under
 * it (e.g. `['nodes']` of a connection): it answers the SQL expression that builds the node
 * over the row alias the query uses, or null when the selection holds anything that does not
 * compile (then the resolvers read as usual).
 */
export function compileSelection(info: GraphQLResolveInfo, path: readonly string[], typeName: string, db: Db, scope: Scope): CompileNodes {
  return (alias) => {
    const params: Record<string, unknown> = {};
    const json = compile(info, path, typeName, alias, db, scope, params);
    return json ? { json, params } : null;
  };
}

function compile(
  info: GraphQLResolveInfo,
  path: readonly string[],
  typeName: string,
  alias: string,
  db: Db,
  scope: Scope,
  params: Record<string, unknown>,
): string | null {
  if (!compiledReads.enabled) return null;
  let tree = parseResolveInfo(info) as ResolveTree | null;
  for (const name of path) {
    if (!tree) return null;
    const matches = Object.values(tree.fieldsByTypeName).flatMap((fields) => Object.values(fields).filter((f) => f.name === name));
    // The same field twice under two aliases may select differently: the resolvers handle that.
    if (matches.length !== 1) return null;
    tree = matches[0];
  }
  if (!tree) return null;
  const context = { db, scope, params, aliases: 0, schema: info.schema };
  return objectSql(tree, typeName, alias, context);
}

interface CompileContext {
  db: Db;
  scope: Scope;
  params: Record<string, unknown>;
  aliases: number;
  schema: GraphQLSchema;
}

function objectSql(tree: ResolveTree, typeName: string, alias: string, ctx: CompileContext): string | null {
  const type = compiledType(typeName, ctx.db);
  const gqlType = ctx.schema.getType(typeName);
  if (!type || !isObjectType(gqlType)) return null;
  const { fields } = simplifyParsedResolveInfoFragmentWithType(tree, gqlType);
  const parts = [`'${COMPILED}', true`];
  const seen = new Set<string>();
  for (const field of Object.values(fields) as ResolveTree[]) {
    if (field.name === '__typename') continue;
    if (seen.has(field.name) || Object.keys(field.args).length > 0 || parts.length > MAX_FIELDS) return null;
    seen.add(field.name);
    const column = type.columns.get(field.name);
    if (column) {
      parts.push(`'${field.name}', ${alias}.${ident(column)}`);
      continue;
    }
    const relation = type.relations[field.name];
    if (relation?.kind === 'expression') {
      parts.push(`'${field.name}', ${aliased(relation.sql, alias)}`);
      continue;
    }
    if (relation?.kind === 'counts') {
      const counts = countsSql(field, relation, alias, ctx);
      if (!counts) return null;
      parts.push(`'${field.name}', ${counts}`);
      continue;
    }
    const target = relation && compiledType(relation.type, ctx.db);
    if (!relation || !target) return null;
    const child = `sg_c${++ctx.aliases}`;
    const inner = objectSql(field, relation.type, child, ctx);
    if (!inner) return null;
    const from = `FROM ${ident(target.table)} ${child} WHERE ${condition(relation.on, alias, child, relation.scoped, ctx)}`;
    if (relation.kind === 'one' && relation.key) parts.push(`'$${field.name}', ${alias}.${ident(relation.key)}`);
    const order = relation.orderBy ? ` ORDER BY ${aliased(relation.orderBy, alias, child)}` : '';
    parts.push(
      relation.kind === 'one'
        ? `'${field.name}', (SELECT ${inner} ${from})`
        : `'${field.name}', coalesce((SELECT json_agg(${inner}${order}) ${from}), '[]'::json)`,
    );
  }
  return `json_build_object(${parts.join(', ')})`;
}

/** The counts the query selects, as one JSON object of `count(*)` subqueries; null if it selects anything else. */
function countsSql(tree: ResolveTree, relation: ReadCounts, alias: string, ctx: CompileContext): string | null {
  const parts: string[] = [];
  for (const fields of Object.values(tree.fieldsByTypeName))
    for (const field of Object.values(fields)) {
      if (field.name === '__typename') continue;
      const count = relation.counts[field.name];
      if (!count || Object.keys(field.args).length > 0) return null;
      const child = `sg_c${++ctx.aliases}`;
      parts.push(`'${field.name}', ${countExpression(count, alias, child, count.scoped ? scoped(count.scoped, child, ctx) : 'true')}`);
    }
  return parts.length > 0 && parts.length <= MAX_FIELDS ? `json_build_object(${parts.join(', ')})` : null;
}

/** A declared condition or order with `$parent` and `$child` bound to the query's aliases. */
export function aliased(sql: string, parent: string, child = ''): string {
  return sql.replaceAll('$parent', parent).replaceAll('$child', child);
}

/** `template` bound to the aliases, and the scope predicate of `entity` over the child when it has one. */
function condition(template: string, alias: string, child: string, entity: ScopedEntity | undefined, ctx: CompileContext): string {
  const where = aliased(template, alias, child);
  return entity ? `${where} AND (${scoped(entity, child, ctx)})` : where;
}

/** The scope predicate of `entity` over `alias`, its parameters added to the read's. */
function scoped(entity: ScopedEntity, alias: string, ctx: CompileContext): string {
  const visible = ctx.scope.where(entity, alias);
  Object.assign(ctx.params, visible.params);
  return visible.sql;
}

/** A type's table, its plain fields' columns and its relations; null when it is not a compiled type. */
function compiledType(typeName: string, db: Db): CompiledType | null {
  if (types.has(typeName)) return types.get(typeName)!;
  const storage = getMetadataStorage();
  const objectType = storage.objectTypes.find((t) => t.name === typeName);
  const entity = objectType?.target as Class | undefined;
  let compiled: CompiledType | null = null;
  if (entity && db.connection.hasMetadata(entity)) {
    const meta = db.connection.getMetadata(entity);
    // Fields a resolver computes, on this type: never read from a column.
    const resolved = new Set(
      storage.fieldResolvers
        .filter((r) => (r.getObjectType?.() ?? r.resolverClassMetadata?.getObjectType?.()) === entity)
        .map((r) => r.schemaName),
    );
    const columns = new Map<string, string>();
    for (const field of storage.fields.filter((f) => f.target === entity)) {
      const column = meta.columns.find((c) => c.propertyName === field.name);
      if (resolved.has(field.schemaName) || field.params?.length || field.middlewares?.length || field.roles?.length) continue;
      if (column && plain(column)) columns.set(field.schemaName, column.databaseName);
    }
    compiled = { table: meta.tableName, columns, relations: relations[typeName] ?? {} };
  }
  types.set(typeName, compiled);
  return compiled;
}

/** A column whose JSON is what the resolvers answer: a safe type, no transformer, selected by default, not embedded. */
function plain(column: ColumnMetadata): boolean {
  const type = typeof column.type === 'string' ? column.type : '';
  return JSON_SAFE.has(type) && !column.transformer && column.isSelect && !column.embeddedMetadata && !column.relationMetadata;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
