import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * What a server spends per request, sampled around a load window from Linux's /proc (the
 * bench's machine): the server process's CPU, the CPU of the PostgreSQL backends serving the
 * bench's database (every connection to it, whoever holds it), and the SQL statements the API
 * says it sent (`streetgrid_db_statements_total` on its /metrics, which answers loopback).
 */
export interface Cost {
  /** CPU of the server process (ms per request); absent for the floor, which runs in the bench's own process. */
  serverMs?: number;
  /** CPU of the database's backends (ms per request). */
  databaseMs: number;
  /** SQL statements per request (the API's own count). */
  statements?: number;
}

interface Sample {
  server?: number;
  backends: Map<number, number>;
  statements?: number;
}

const TICK_MS = 1000 / Number(tryRun('getconf', ['CLK_TCK']) ?? 100);

/** Measures `target` (a server process, and its /metrics) and `database`'s backends over each window it is given to. */
export class CostMeter {
  private readonly spent = { server: 0, database: 0, statements: 0, requests: 0 };
  private begun: Sample | null = null;

  constructor(
    private readonly database: string,
    private readonly target: { pid?: number; url?: string } = {},
  ) {}

  /** The hooks `runLoad` calls around its measured window. */
  window(): { begin(): Promise<void>; end(): Promise<void> } {
    return {
      begin: async () => {
        this.begun = await this.sample();
      },
      end: async () => {
        const end = await this.sample();
        const begun = this.begun!;
        if (end.server !== undefined && begun.server !== undefined) this.spent.server += (end.server - begun.server) * TICK_MS;
        for (const [pid, ticks] of end.backends) this.spent.database += (ticks - (begun.backends.get(pid) ?? 0)) * TICK_MS;
        if (end.statements !== undefined && begun.statements !== undefined) this.spent.statements += end.statements - begun.statements;
      },
    };
  }

  /** Per request, over every window measured, `requests` being those windows' requests. */
  perRequest(requests: number): Cost {
    return {
      ...(this.target.pid ? { serverMs: this.spent.server / requests } : {}),
      databaseMs: this.spent.database / requests,
      ...(this.target.url ? { statements: this.spent.statements / requests } : {}),
    };
  }

  private async sample(): Promise<Sample> {
    const backends = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      const title = tryRead(`/proc/${pid}/cmdline`);
      // A backend's title: "postgres: 15/main: <user> <database> <client> <state>".
      if (!title?.startsWith('postgres: ') || !title.includes(` ${this.database} `)) continue;
      const ticks = cpuTicks(pid);
      if (ticks !== undefined) backends.set(pid, ticks);
    }
    const server = this.target.pid ? cpuTicks(this.target.pid) : undefined;
    let statements: number | undefined;
    if (this.target.url) {
      const text = await (await fetch(`${this.target.url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('streetgrid_db_statements_total '));
      statements = line ? Number(line.split(' ')[1]) : undefined;
    }
    return { server, backends, statements };
  }
}

/** User and system CPU of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid: number): number | undefined {
  const stat = tryRead(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function tryRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function tryRun(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}
