import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { encodingFromCpg, parseShp, readZippedShapefile } from './shapefile';

describe('encodingFromCpg', () => {
  it.each([
    ['GBK', 'gbk'],
    ['936', 'gbk'],
    ['ANSI 936', 'gbk'],
    ['cp936\r\n', 'gbk'],
    ['GB2312', 'gbk'],
    ['GB18030', 'gb18030'],
    ['UTF-8', 'utf8'],
    ['65001', 'utf8'],
    ['ANSI 1252', 'cp1252'],
    ['big5', 'big5'],
  ])('%j → %s', (cpg, encoding) => expect(encodingFromCpg(cpg)).toBe(encoding));
  it('does not guess an unknown name', () => expect(encodingFromCpg('KLINGON')).toBeUndefined());
});

/** A one-field DBF (name C 20) with the given text bytes. */
function dbf(values: Buffer[]): Buffer {
  const head = Buffer.alloc(65);
  head[0] = 3;
  head.writeUInt32LE(values.length, 4);
  head.writeUInt16LE(65, 8);
  head.writeUInt16LE(21, 10);
  head.write('name', 32, 'latin1');
  head[43] = 'C'.charCodeAt(0);
  head[48] = 20;
  head[64] = 0x0d;
  return Buffer.concat([head, ...values.map((v) => Buffer.concat([Buffer.from(' '), v, Buffer.alloc(20 - v.length, 0x20)]))]);
}

/** A .shp of unit squares (type 5), one per record. */
function shp(count: number): Buffer {
  const record = Buffer.alloc(8 + 44 + 4 + 16 * 5);
  record.writeInt32BE((record.length - 8) / 2, 4);
  record.writeInt32LE(5, 8);
  record.writeInt32LE(1, 44);
  record.writeInt32LE(5, 48);
  [
    [0, 0],
    [0, 1],
    [1, 1],
    [1, 0],
    [0, 0],
  ].forEach(([x, y], i) => {
    record.writeDoubleLE(120 + x * 0.001, 56 + 16 * i);
    record.writeDoubleLE(30 + y * 0.001, 64 + 16 * i);
  });
  const head = Buffer.alloc(100);
  head.writeInt32BE(9994, 0);
  head.writeInt32BE((100 + count * record.length) / 2, 24);
  head.writeInt32LE(5, 32);
  return Buffer.concat([head, ...Array.from({ length: count }, () => record)]);
}

describe('readZippedShapefile', () => {
  const names = ['和平里社区', '幸福苑'];
  const zip = (files: Record<string, Uint8Array>) => zipSync(files);
  it('decodes GBK without a .cpg, UTF-8 without a .cpg, and follows --encoding', () => {
    const gbk = readZippedShapefile(zip({ 'a.shp': shp(2), 'a.dbf': dbf(names.map((n) => iconv.encode(n, 'gbk'))) }), 'a.zip');
    expect(gbk.collection.features.map((f) => f.properties!.name)).toEqual(names);
    expect(gbk.notes[0]).toMatch(/DBF encoding GBK \(assumed/);
    const utf8 = readZippedShapefile(zip({ 'a.shp': shp(2), 'a.dbf': dbf(names.map((n) => Buffer.from(n))) }), 'a.zip');
    expect(utf8.collection.features.map((f) => f.properties!.name)).toEqual(names);
    expect(utf8.notes[0]).toMatch(/DBF encoding UTF-8 \(no \.cpg; the text is valid UTF-8\)/);
    const forced = readZippedShapefile(
      zip({ 'a.shp': shp(2), 'a.dbf': dbf(names.map((n) => iconv.encode(n, 'gbk'))), 'a.cpg': Buffer.from('UTF-8') }),
      'a.zip',
      { encoding: 'gbk' },
    );
    expect(forced.collection.features.map((f) => f.properties!.name)).toEqual(names);
  });

  it('reports a .dbf and .shp that disagree, a zip without .shp, and a layer of points', () => {
    expect(readZippedShapefile(zip({ 'a.shp': shp(3), 'a.dbf': dbf([Buffer.from('x')]) }), 'a.zip').issues[0].message).toBe(
      'a: the .dbf has 1 records but the .shp has 3 shapes',
    );
    expect(readZippedShapefile(zip({ 'a.dbf': dbf([]) }), 'a.zip').issues[0].message).toBe('a.zip: no .shp file');
    const points = shp(0);
    points.writeInt32LE(1, 32);
    expect(readZippedShapefile(zip({ 'p.shp': points }), 'p.zip').issues[0].message).toMatch(
      /p\.shp: cannot be read \(shape type Point: only polygon layers/,
    );
  });

  it('reports coordinates that are not degrees when there is no .prj', () => {
    const metres = shp(1);
    metres.writeDoubleLE(500_000, 156);
    const read = readZippedShapefile(zip({ 'm.shp': metres }), 'm.zip');
    expect(read.collection.features).toEqual([]);
    expect(read.issues[0].message).toMatch(/looks projected/);
  });
});

describe('parseShp', () => {
  it('reads a square as a Polygon', () => {
    expect(parseShp(shp(1))).toEqual([{ type: 'Polygon', coordinates: [expect.arrayContaining([[120, 30]])] }]);
  });
});
