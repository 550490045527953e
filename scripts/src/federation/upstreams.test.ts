import { UpstreamPool } from './upstreams';

const A = 'http://127.0.0.1:1/graphql';
const B = 'http://127.0.0.1:2/graphql';
const C = 'http://127.0.0.1:3/graphql';

describe('UpstreamPool', () => {
  it('takes the processes in turn', () => {
    const pool = new UpstreamPool([A, B, C], () => {});
    expect([1, 2, 3, 4, 5, 6].map(() => pool.pick())).toEqual([A, B, C, A, B, C]);
  });

  it('skips a process out of rotation until it is back, and logs each change once', () => {
    const lines: string[] = [];
    const pool = new UpstreamPool([A, B, C], (line) => lines.push(line));
    pool.mark(B, false, 'ECONNREFUSED');
    pool.mark(B, false, 'ECONNREFUSED');
    expect([1, 2, 3, 4].map(() => pool.pick())).toEqual([A, C, A, C]);
    pool.mark(B, true, 'healthz answered 200');
    expect(new Set([1, 2, 3].map(() => pool.pick()))).toEqual(new Set([A, B, C]));
    expect(lines).toEqual([`gateway: ${B} taken out of rotation (ECONNREFUSED)`, `gateway: ${B} is back in rotation`]);
  });

  it('skips the processes already tried; with none healthy left, tries one that was not', () => {
    const pool = new UpstreamPool([A, B], () => {});
    pool.mark(A, false, 'down');
    pool.mark(B, false, 'down');
    const first = pool.pick()!;
    expect([A, B]).toContain(first);
    expect(pool.pick(new Set([first]))).toBe(first === A ? B : A);
    expect(pool.pick(new Set([A, B]))).toBeNull();
  });

  it('counts what it routed, per process', () => {
    const pool = new UpstreamPool([A, B], () => {});
    pool.served(A);
    pool.served(A);
    pool.served('http://elsewhere/graphql');
    expect(pool.snapshot().map((s) => s.requests)).toEqual([2, 0]);
    expect(pool.owns(B)).toBe(true);
    expect(pool.owns('http://elsewhere/graphql')).toBe(false);
  });
});
