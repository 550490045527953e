/** How often each API process's `/healthz` is asked, and how long it may take to answer. */
const PROBE_MS = 500;
const PROBE_TIMEOUT_MS = 1000;

export interface UpstreamState {
  url: string;
  healthy: boolean;
  /** Operations sent to it (queries and mutations over HTTP, subscriptions over a websocket). */
  requests: number;
}

/**
 * The API processes behind the gateway, all serving the one `streetgrid` subgraph: each operation
 * goes to the next healthy one in turn. A process is taken out when its `/healthz` stops answering
 * or a connection to it is refused, and put back when `/healthz` answers again.
 */
export class UpstreamPool {
  private readonly states: UpstreamState[];
  private turn = 0;
  private timer: NodeJS.Timeout | null = null;

  /** `urls`: each process's GraphQL endpoint (`http://host:port/graphql`). */
  constructor(
    urls: string[],
    private readonly log: (line: string) => void = console.log,
  ) {
    if (!urls.length) throw new Error('no API process to route to');
    this.states = urls.map((url) => ({ url, healthy: true, requests: 0 }));
  }

  /** The next healthy process, skipping `tried`; when none is healthy, the next one not tried (it may be back). */
  pick(tried: ReadonlySet<string> = new Set()): string | null {
    const n = this.states.length;
    for (const wantHealthy of [true, false]) {
      for (let i = 0; i < n; i++) {
        const state = this.states[(this.turn + i) % n];
        if (tried.has(state.url) || (wantHealthy && !state.healthy)) continue;
        this.turn = (this.turn + i + 1) % n;
        return state.url;
      }
    }
    return null;
  }

  served(url: string): void {
    const state = this.states.find((s) => s.url === url);
    if (state) state.requests++;
  }

  owns(url: string): boolean {
    return this.states.some((s) => s.url === url);
  }

  mark(url: string, healthy: boolean, why: string): void {
    const state = this.states.find((s) => s.url === url);
    if (!state || state.healthy === healthy) return;
    state.healthy = healthy;
    this.log(`gateway: ${url} ${healthy ? 'is back in rotation' : `taken out of rotation (${why})`}`);
  }

  snapshot(): UpstreamState[] {
    return this.states.map((s) => ({ ...s }));
  }

  /** Probes every process's `/healthz` until `stop`. */
  startProbes(): void {
    const probe = async (state: UpstreamState) => {
      try {
        const res = await fetch(new URL('/healthz', state.url), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        this.mark(state.url, res.ok, `healthz answered ${res.status}`);
      } catch (error) {
        this.mark(state.url, false, describeError(error));
      }
    };
    const round = () => {
      void Promise.all(this.states.map(probe)).finally(() => {
        if (this.timer) this.timer = setTimeout(round, PROBE_MS);
      });
    };
    this.timer = setTimeout(round, 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

export function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

export function describeError(error: unknown): string {
  return errorCode(error) ?? (error as Error).message ?? String(error);
}
