import { scaledSize, toBase64 } from './photos';

describe('photos for upload', () => {
  it('encodes bytes as base64, also past one chunk', () => {
    expect(toBase64(new TextEncoder().encode('网格'))).toBe(Buffer.from('网格').toString('base64'));
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('scales the longest side down to the limit and never enlarges', () => {
    expect(scaledSize(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(scaledSize(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(scaledSize(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
