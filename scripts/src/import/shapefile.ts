import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { ImportIssue } from '@streetgrid/api/domains/import/index';

/** What a zipped Shapefile becomes: one FeatureCollection over all its layers, for `importGeoJson`. */
export interface ShapefileRead {
  collection: FeatureCollection<Geometry | null>;
  /** UNSUPPORTED_INPUT entries: with any of them the collection is empty and nothing can be written. */
  issues: ImportIssue[];
  /** Per layer: record count, DBF encoding and where it came from, coordinate system. */
  notes: string[];
}

export interface ShapefileOptions {
  /** DBF encoding to use whatever the .cpg says (e.g. gbk, utf-8). */
  encoding?: string;
}

type DbfValue = string | number | boolean | null;

const GBK_NAMES = new Set(['GBK', 'CP936', '936', 'ANSI 936', 'GB2312', 'GB_2312', 'EUC-CN', 'CHINESE', 'X-GBK']);
const UTF8_NAMES = new Set(['UTF-8', 'UTF8', '65001', 'UNICODE']);
/** dBASE language driver ids of Chinese code page 936 (byte 29 of the header). */
const LDID_GBK = new Set([0x4d, 0x7a]);

/** The iconv-lite name for a .cpg (or --encoding) value, or undefined when unknown. */
export function encodingFromCpg(cpg: string): string | undefined {
  const name = cpg.replace(/\0/g, '').trim().toUpperCase();
  if (GBK_NAMES.has(name)) return 'gbk';
  if (name === 'GB18030' || name === '54936') return 'gb18030';
  if (UTF8_NAMES.has(name)) return 'utf8';
  if (iconv.encodingExists(name)) return name.toLowerCase();
  const codePage = /^(?:ANSI\s*|CP\s*|WINDOWS-)?(\d{3,5})$/.exec(name)?.[1];
  if (codePage && iconv.encodingExists(`cp${codePage}`)) return `cp${codePage}`;
  return undefined;
}

interface DbfField {
  name: Uint8Array;
  type: string;
  offset: number;
  length: number;
  decimals: number;
}

interface DbfFile {
  records: number;
  ldid: number;
  fields: DbfField[];
  /** Raw bytes of each text (C and unknown) value, for encoding detection. */
  textBytes: Uint8Array[];
  rows: { deleted: boolean; raw: Uint8Array[] }[];
}

/** The structure of a dBASE III/IV table; values stay bytes until the encoding is known. */
function parseDbfStructure(bytes: Uint8Array): DbfFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 33) throw new Error('the .dbf is shorter than a header');
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields: DbfField[] = [];
  let offset = 1; // byte 0 of a record is the deletion flag
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11);
    const end = nameBytes.indexOf(0);
    const field: DbfField = {
      name: nameBytes.subarray(0, end < 0 ? 11 : end),
      type: String.fromCharCode(bytes[at + 11]),
      offset,
      length: bytes[at + 16],
      decimals: bytes[at + 17],
    };
    fields.push(field);
    offset += field.length;
  }
  if (headerLength + records * recordLength > bytes.byteLength) throw new Error(`the .dbf declares ${records} records but is cut short`);
  const textBytes: Uint8Array[] = [...fields.map((f) => f.name)];
  const rows: DbfFile['rows'] = [];
  for (let r = 0; r < records; r++) {
    const start = headerLength + r * recordLength;
    const raw = fields.map((f) => bytes.subarray(start + f.offset, start + f.offset + f.length));
    fields.forEach((f, i) => f.type !== 'N' && f.type !== 'F' && f.type !== 'L' && f.type !== 'D' && textBytes.push(raw[i]));
    rows.push({ deleted: bytes[start] === 0x2a, raw });
  }
  return { records, ldid: bytes[29], fields, textBytes, rows };
}

const isAscii = (b: Uint8Array) => b.every((c) => c < 0x80);
const isUtf8 = (b: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

/** Which encoding to decode the DBF with, and why (shown in the report). */
function chooseEncoding(
  dbf: DbfFile,
  cpg: string | undefined,
  forced: string | undefined,
): { encoding: string; label: string; why: string } | { error: string } {
  if (forced !== undefined) {
    const encoding = encodingFromCpg(forced);
    return encoding
      ? { encoding, label: forced.toUpperCase(), why: 'given with --encoding' }
      : { error: `unknown encoding ${JSON.stringify(forced)}` };
  }
  if (cpg !== undefined && cpg.trim() !== '') {
    const encoding = encodingFromCpg(cpg);
    return encoding
      ? {
          encoding,
          label: encoding === 'gbk' ? 'GBK' : encoding === 'utf8' ? 'UTF-8' : encoding.toUpperCase(),
          why: `from the .cpg (${JSON.stringify(cpg.trim())})`,
        }
      : { error: `the .cpg names an unknown encoding ${JSON.stringify(cpg.trim())} (give --encoding)` };
  }
  if (LDID_GBK.has(dbf.ldid))
    return { encoding: 'gbk', label: 'GBK', why: `from the DBF language driver id 0x${dbf.ldid.toString(16)} (no .cpg)` };
  const nonAscii = dbf.textBytes.filter((b) => !isAscii(b));
  if (nonAscii.length === 0) return { encoding: 'utf8', label: 'ASCII', why: 'no .cpg; all text is ASCII' };
  // Text cut at the field width can end in half a UTF-8 character: judge on the concatenation of whole values trimmed of padding.
  if (nonAscii.every((b) => isUtf8(trimPadding(b)) || isUtf8(trimPadding(b).subarray(0, lastUtf8Boundary(trimPadding(b)))))) {
    return { encoding: 'utf8', label: 'UTF-8', why: 'no .cpg; the text is valid UTF-8' };
  }
  return { encoding: 'gbk', label: 'GBK', why: 'assumed: no .cpg and the text is not UTF-8' };
}

function trimPadding(b: Uint8Array): Uint8Array {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x20 || b[end - 1] === 0)) end--;
  return b.subarray(0, end);
}

/** Length of `b` without a trailing incomplete UTF-8 sequence. */
function lastUtf8Boundary(b: Uint8Array): number {
  let i = b.length;
  while (i > 0 && i > b.length - 4 && (b[i - 1] & 0xc0) === 0x80) i--;
  return i > 0 && b[i - 1] >= 0xc0 ? i - 1 : b.length;
}

function decodeValue(field: DbfField, raw: Uint8Array, encoding: string): DbfValue {
  const ascii = () => Buffer.from(raw).toString('latin1').replace(/\0/g, '').trim();
  switch (field.type) {
    case 'N':
    case 'F': {
      const t = ascii();
      if (t === '' || /^\*+$/.test(t)) return null;
      const n = Number(t);
      if (!Number.isFinite(n)) return t;
      // 15- and 19-digit grid codes stored as numbers lose digits as a double: keep them as text.
      return /^-?\d+$/.test(t) && !Number.isSafeInteger(n) ? t.replace(/^(-?)0+(?=\d)/, '$1') : n;
    }
    case 'L': {
      const t = ascii().toUpperCase();
      return 'TY'.includes(t) && t ? true : 'FN'.includes(t) && t ? false : null;
    }
    case 'D': {
      const t = ascii();
      return /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6)}` : null;
    }
    default: {
      const t = iconv.decode(Buffer.from(raw), encoding).replace(/\0/g, '').trim();
      return t === '' ? null : t;
    }
  }
}

const SHAPE_NAMES: Record<number, string> = {
  1: 'Point',
  3: 'PolyLine',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  28: 'MultiPointM',
  31: 'MultiPatch',
};

/** Twice the signed area of a ring (negative when clockwise). */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return sum;
}

function inRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function ringBox(ring: Position[]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
  return [w, s, e, n];
}

/**
 * A polygon record's parts as GeoJSON, by nesting rather than by winding (so rings wound the
 * wrong way still come out right): from the largest ring down, a ring inside an even-depth ring
 * is a hole of it, any other ring a shell of its own (an island in a lake too). Winding is left
 * as it is: the import normalises it.
 */
function ringsToGeometry(rings: Position[][]): Geometry {
  const items = rings
    .map((ring) => ({ ring, area: Math.abs(signedArea(ring)), box: ringBox(ring), depth: 0, holes: [] as Position[][] }))
    .sort((a, b) => b.area - a.area);
  const shells: typeof items = [];
  items.forEach((item, i) => {
    const [w, s, e, n] = item.box;
    const probe = [item.ring[0], item.ring[Math.floor(item.ring.length / 2)]].filter(Boolean);
    let parent: (typeof items)[number] | undefined;
    for (let j = i - 1; j >= 0 && !parent; j--) {
      const c = items[j];
      if (c.area > item.area && c.box[0] <= w && c.box[1] <= s && c.box[2] >= e && c.box[3] >= n && probe.some((p) => inRing(p, c.ring)))
        parent = c;
    }
    item.depth = parent ? parent.depth + 1 : 0;
    if (parent && item.depth % 2 === 1) parent.holes.push(item.ring);
    else shells.push(item);
  });
  const polygons = shells.map((s) => [s.ring, ...s.holes]);
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

/**
 * The records of a .shp of polygons (type 5, PolygonZ 15, PolygonM 25) as GeoJSON geometry,
 * null for a null shape. Any other shape type, or a record running past the end, throws.
 */
export function parseShp(bytes: Uint8Array): (Geometry | null)[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 100 || view.getInt32(0) !== 9994) throw new Error('not a .shp file (bad header)');
  const fileType = view.getInt32(32, true);
  if (fileType !== 0 && fileType !== 5 && fileType !== 15 && fileType !== 25) {
    throw new Error(`shape type ${SHAPE_NAMES[fileType] ?? fileType}: only polygon layers can be grids or buildings`);
  }
  const end = Math.min(bytes.byteLength, view.getInt32(24) * 2);
  const out: (Geometry | null)[] = [];
  for (let at = 100; at + 8 <= end;) {
    const length = view.getInt32(at + 4) * 2;
    const content = at + 8;
    if (content + length > bytes.byteLength || length < 4) throw new Error(`record ${out.length + 1} runs past the end of the file`);
    const type = view.getInt32(content, true);
    if (type === 0) out.push(null);
    else if (type === 5 || type === 15 || type === 25) {
      const parts = view.getInt32(content + 36, true);
      const points = view.getInt32(content + 40, true);
      const xy = content + 44 + 4 * parts;
      if (parts < 1 || points < 0 || xy + 16 * points > content + length)
        throw new Error(`record ${out.length + 1} has a bad part or point count`);
      const starts = Array.from({ length: parts }, (_, i) => view.getInt32(content + 44 + 4 * i, true));
      const rings = starts.map((start, i) => {
        const stop = i + 1 < parts ? starts[i + 1] : points;
        const ring: Position[] = [];
        for (let p = start; p < stop; p++) ring.push([view.getFloat64(xy + 16 * p, true), view.getFloat64(xy + 16 * p + 8, true)]);
        return ring;
      });
      out.push(ringsToGeometry(rings));
    } else throw new Error(`record ${out.length + 1} is a ${SHAPE_NAMES[type] ?? `type ${type}`}, not a polygon`);
    at = content + length;
  }
  return out;
}

/** The WKT's name of a .prj, or the reason it cannot be used as WGS-84 longitude/latitude. */
function checkPrj(prj: string): { ok: true; note: string } | { ok: false; reason: string } {
  const wkt = prj.trim();
  const name = /^\s*\w+\[\s*"([^"]*)"/.exec(wkt)?.[1] ?? '(unnamed)';
  if (/^(PROJCS|PROJCRS|PROJECTEDCRS)\[/i.test(wkt)) {
    return {
      ok: false,
      reason:
        `projected coordinate system "${name}" is not supported: ` +
        'reproject the layer to WGS 84 longitude/latitude (EPSG:4326) and export it again',
    };
  }
  if (!/^(GEOGCS|GEOGCRS|GEODCRS)\[/i.test(wkt))
    return { ok: false, reason: `unrecognised .prj (${wkt.slice(0, 40)}…): expected WGS 84 (EPSG:4326)` };
  const datum = /DATUM\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? '';
  if (/WGS[_ ]?(19)?84/i.test(datum) || /WGS[_ ]?(19)?84/i.test(name)) return { ok: true, note: `WGS 84 longitude/latitude ("${name}")` };
  if (/CGCS[_ ]?2000|China[_ ]2000/i.test(datum) || /CGCS[_ ]?2000|China[_ ]Geodetic[_ ]Coordinate[_ ]System[_ ]2000/i.test(name)) {
    return { ok: true, note: `CGCS2000 longitude/latitude ("${name}"), taken as WGS 84 (they differ by centimetres)` };
  }
  return {
    ok: false,
    reason:
      `geographic coordinate system "${name}" (datum "${datum}") is not WGS 84 or CGCS2000: ` +
      'convert the layer to WGS 84 (EPSG:4326) first',
  };
}

const outOfRange = (g: Geometry | null): boolean => {
  const walk = (c: unknown): boolean =>
    Array.isArray(c) && typeof c[0] === 'number' ? Math.abs(c[0]) > 180 || Math.abs(Number(c[1])) > 90 : Array.isArray(c) && c.some(walk);
  return g !== null && 'coordinates' in g && walk(g.coordinates);
};

/**
 * Reads every layer (.shp + .dbf, with .prj and .cpg when present) of a zipped Shapefile into
 * GeoJSON features carrying the DBF attributes. Geometry is read as stored (rings to polygons,
 * holes, multipolygons; Z and M dropped); the DBF is decoded with iconv-lite: the
 * .cpg's encoding, else the language driver id, else UTF-8 when the text is valid UTF-8, else GBK.
 * A projected or non-WGS-84 .prj, a missing .shp or a corrupt file is an UNSUPPORTED_INPUT issue
 * and an empty collection, so nothing can be written.
 */
export function readZippedShapefile(zip: Uint8Array, file: string, opts: ShapefileOptions = {}): ShapefileRead {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, { filter: (f) => !f.name.includes('__MACOSX') && /\.(shp|dbf|prj|cpg)$/i.test(f.name) });
  } catch (error) {
    return unsupported([], `${file}: not a readable zip file (${(error as Error).message})`);
  }
  return readShapefileFiles(entries, file, opts);
}

const unsupported = (notes: string[], message: string): ShapefileRead => ({
  collection: { type: 'FeatureCollection', features: [] },
  issues: [{ kind: 'UNSUPPORTED_INPUT', message }],
  notes,
});

/**
 * The same as `readZippedShapefile`, over files already at hand: name (with its .shp, .dbf, .prj
 * or .cpg extension) → bytes, e.g. a .shp and the sidecar files next to it.
 */
export function readShapefileFiles(entries: Record<string, Uint8Array>, file: string, opts: ShapefileOptions = {}): ShapefileRead {
  const issues: ImportIssue[] = [];
  const notes: string[] = [];
  const empty = (message: string) => unsupported(notes, message);
  const layers = new Map<string, Partial<Record<'shp' | 'dbf' | 'prj' | 'cpg', Uint8Array>>>();
  for (const [name, bytes] of Object.entries(entries)) {
    const base = name.slice(0, -4);
    const ext = name.slice(-3).toLowerCase() as 'shp' | 'dbf' | 'prj' | 'cpg';
    layers.set(base, { ...layers.get(base), [ext]: bytes });
  }
  const names = [...layers.keys()].filter((n) => layers.get(n)!.shp).sort();
  if (!names.length) return empty(`${file}: no .shp file`);
  const features: Feature<Geometry | null>[] = [];
  for (const name of names) {
    const layer = layers.get(name)!;
    const text = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);
    const prj = text(layer.prj);
    let crsNote = 'no .prj: coordinates taken as WGS 84 longitude/latitude';
    if (prj !== undefined) {
      const checked = checkPrj(prj);
      if (!checked.ok) return empty(`${name}.prj: ${checked.reason}`);
      crsNote = checked.note;
    }
    let geometries: (Geometry | null)[];
    try {
      geometries = parseShp(layer.shp!);
    } catch (error) {
      return empty(`${name}.shp: cannot be read (${(error as Error).message})`);
    }
    if (prj === undefined && geometries.some(outOfRange)) {
      return empty(`${name}.shp: coordinates beyond ±180/±90 and no .prj: the layer looks projected; reproject it to WGS 84 (EPSG:4326)`);
    }
    let rows: Record<string, DbfValue>[] = geometries.map(() => ({}));
    let encodingNote = 'no .dbf: no attributes';
    if (layer.dbf) {
      let dbf: DbfFile;
      try {
        dbf = parseDbfStructure(layer.dbf);
      } catch (error) {
        return empty(`${name}.dbf: cannot be read (${(error as Error).message})`);
      }
      if (dbf.records !== geometries.length)
        return empty(`${name}: the .dbf has ${dbf.records} records but the .shp has ${geometries.length} shapes`);
      const chosen = chooseEncoding(dbf, text(layer.cpg), opts.encoding);
      if ('error' in chosen) return empty(`${name}.dbf: ${chosen.error}`);
      const fieldNames = dbf.fields.map((f) => iconv.decode(Buffer.from(f.name), chosen.encoding).trim());
      rows = dbf.rows.map((row) =>
        Object.fromEntries(dbf.fields.map((f, i) => [fieldNames[i], decodeValue(f, row.raw[i], chosen.encoding)])),
      );
      encodingNote = `DBF encoding ${chosen.label} (${chosen.why})`;
    }
    notes.push(`shapefile layer ${name}: ${geometries.length} shapes; ${encodingNote}; ${crsNote}`);
    geometries.forEach((geometry, i) => features.push({ type: 'Feature', properties: rows[i], geometry }));
  }
  return { collection: { type: 'FeatureCollection', features }, issues, notes };
}
