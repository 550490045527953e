/**
 * How long a pool's idle connection is kept open (pg's default is 10 s). A new connection costs
 * a backend, its sign-in and its catalogue caches: after 11 s of quiet the cases page took
 * 42–95 ms against 6 ms warm (BENCHMARKS.md), which a grid leader clicking every quarter minute
 * would pay on every click. Ten minutes keeps a working day's connections warm and still lets a
 * quiet night's go. Not on the embedded database, whose one connection other processes share.
 */
export const IDLE_CONNECTION_MS = 10 * 60_000;
