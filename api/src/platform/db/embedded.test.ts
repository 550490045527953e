import { keepTarEntries } from './embedded';

/** One tar entry: a 512-byte header (name, octal size, type) and the data padded to 512 bytes. */
function entry(name: string, data: string, type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  header.write(type, 156, 'ascii');
  header.write('ustar  \0', 257, 'ascii');
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512);
  body.write(data, 0, 'utf8');
  return Buffer.concat([header, body]);
}

const names = (tar: Buffer) => keepTarEntries(tar, () => true).kept;

describe('keepTarEntries (the PostGIS bundle trimmed to what the app loads)', () => {
  it('keeps the regular files that pass, with their data, and drops the rest, directories and links', () => {
    const tar = Buffer.concat([
      entry('lib/postgresql/postgis-3.so', 'x'.repeat(700)),
      entry('lib/postgresql/postgis_raster-3.so', 'y'.repeat(600)),
      entry('share/postgresql/extension/', '', '5'),
      entry('share/postgresql/extension/postgis--2.0--ANY.sql', '', '2'),
      entry('share/postgresql/extension/postgis.control', 'default_version'),
      Buffer.alloc(1024),
    ]);
    const trimmed = keepTarEntries(tar, (name) => !name.includes('raster'));
    expect(trimmed.kept).toEqual(['lib/postgresql/postgis-3.so', 'share/postgresql/extension/postgis.control']);
    // The result is itself a tar with those two entries (and the two zero blocks at its end).
    expect(names(trimmed.data)).toEqual(trimmed.kept);
    expect(trimmed.data.length).toBe(512 + 1024 + 512 + 512 + 1024);
    expect(trimmed.data.subarray(512, 512 + 700).toString()).toBe('x'.repeat(700));
  });

  it('refuses entries it does not know (long names, pax headers), so the whole bundle is loaded instead', () => {
    const tar = Buffer.concat([entry('././@LongLink', 'a'.repeat(120), 'L'), entry('a'.repeat(99), 'data'), Buffer.alloc(1024)]);
    expect(() => keepTarEntries(tar, () => true)).toThrow(/unexpected tar entry of type L/);
  });
});
