/**
 * How long a pool's idle connection to PostgreSQL is kept open (pg's default is 10 s). A new
 * connection costs a backend, its sign-in and its catalogue caches: after an 11 s pause the first
 * read took 37–58 ms against 4–5 ms warm, and 9–17 ms with the connection kept (`pnpm bench
 * pause`, BENCHMARKS.md); a grid leader clicking every quarter minute would pay it on every click.
 * Ten minutes keeps a working day's connections warm and still lets a quiet night's go. The
 * embedded database keeps pg's default: its connections share PGlite's one backend, so a new one
 * starts none.
 */
export const IDLE_CONNECTION_MS = 10 * 60_000;
