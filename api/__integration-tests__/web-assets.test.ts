import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { fixtureStreet } from '../src/seed/fixture-street';
import { startTestApiOn, type TestApi } from './harness';

// How the API serves the built web app: precompressed copies by the client's Accept-Encoding,
// hashed assets cached for good, index.html revalidated, and no source map to anyone.
const INDEX = '<!doctype html><title>streetgrid</title><div id="root"></div>';
const APP = `console.log(${JSON.stringify('街道网格'.repeat(400))});`;
const WORKER = `self.onmessage = () => ${JSON.stringify('x'.repeat(3000))};`;
let api: TestApi;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'streetgrid-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  for (const [name, body] of [
    ['app-Ab12Cd34.js', APP],
    ['worker-Ef56Gh78.mjs', WORKER],
  ]) {
    writeFileSync(join(dist, 'assets', name), body);
    writeFileSync(join(dist, 'assets', `${name}.br`), brotliCompressSync(body));
    writeFileSync(join(dist, 'assets', `${name}.gz`), gzipSync(body));
  }
  writeFileSync(join(dist, 'assets', 'app-Ab12Cd34.js.map'), '{"version":3,"sources":["secret.ts"]}');
  api = await startTestApiOn({ config: { webDist: dist } }, fixtureStreet({ large: 1, medium: 1, small: 1 }));
});
afterAll(async () => {
  await api.close();
  rmSync(dist, { recursive: true, force: true });
});

/** A GET with the given Accept-Encoding (fetch would decode and hide the encoding). */
function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request(`${api.url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the web app as the API serves it', () => {
  it('sends the brotli copy to a browser that takes it, cached for a year', async () => {
    const res = await get('/assets/app-Ab12Cd34.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.length).toBeLessThan(APP.length / 10);
    expect(res.body.equals(brotliCompressSync(APP))).toBe(true);
  });

  it('sends gzip to a client without brotli, and the plain file to one without either', async () => {
    const gz = await get('/assets/app-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.equals(gzipSync(APP))).toBe(true);
    const plain = await get('/assets/app-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(APP);
  });

  it('serves the map worker (.mjs) as JavaScript, compressed', async () => {
    const res = await get('/assets/worker-Ef56Gh78.mjs', 'br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('revalidates index.html at / and at any route of the web app', async () => {
    for (const path of ['/', '/echo', '/some/screen']) {
      const res = await get(path, 'br');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body.toString()).toBe(INDEX);
    }
  });

  it('sends no source map', async () => {
    expect((await get('/assets/app-Ab12Cd34.js.map')).status).toBe(404);
    expect((await get('/assets/app-Ab12Cd34.js.map', 'br')).status).toBe(404);
  });
});
