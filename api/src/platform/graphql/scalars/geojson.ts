import { checkNesting, GeoInputError, MAX_GEOJSON_DEPTH } from '@streetgrid/geo';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

function tooDeep(): GraphQLError {
  return new GraphQLError(`GeoJSON: nested deeper than ${MAX_GEOJSON_DEPTH} levels of arrays and objects`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** Refuses a literal nested deeper than GeoJSON ever is, with a loop: `astToValue` below recurses. */
function checkLiteralNesting(ast: ValueNode): void {
  const stack: [ValueNode, number][] = [[ast, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node.kind !== Kind.OBJECT && node.kind !== Kind.LIST) continue;
    if (depth > MAX_GEOJSON_DEPTH) throw tooDeep();
    for (const child of node.kind === Kind.OBJECT ? node.fields.map((f) => f.value) : node.values) stack.push([child, depth + 1]);
  }
}

function astToValue(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, astToValue(f.value)]));
    case Kind.LIST:
      return ast.values.map(astToValue);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.STRING:
    case Kind.ENUM:
      return ast.value;
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.NULL:
      return null;
    default:
      throw new GraphQLError('GeoJSON literals cannot contain variables', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/**
 * A GeoJSON geometry (RFC 7946, WGS-84 lng/lat). On input only the envelope is checked
 * here (an object with a geometry `type`, nested no deeper than GeoJSON ever is, checked
 * before anything recursive runs); services parse the shape they expect with
 * `@streetgrid/geo` and the database checks validity, so errors can name the field.
 */
export const GeoJSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry object (RFC 7946), WGS-84 longitude/latitude',
  serialize: (value) => value,
  parseValue(value) {
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        throw new GraphQLError('GeoJSON: not valid JSON', { extensions: { code: 'BAD_USER_INPUT' } });
      }
    }
    try {
      checkNesting(value);
    } catch (error) {
      if (error instanceof GeoInputError) throw tooDeep();
      throw error;
    }
    const type = (value as { type?: unknown } | null)?.type;
    if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof type !== 'string') {
      throw new GraphQLError('GeoJSON: expected an object with a "type"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    if (!GEOMETRY_TYPES.has(type) && type !== 'Feature' && type !== 'FeatureCollection') {
      throw new GraphQLError(`GeoJSON: unknown type "${type}"`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  },
  parseLiteral(ast) {
    checkLiteralNesting(ast);
    return this.parseValue!(astToValue(ast));
  },
});
