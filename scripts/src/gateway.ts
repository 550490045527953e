import { resolve } from 'node:path';
import { civilAffairsTypeDefs, startCivilAffairsSubgraph } from '@streetgrid/api/platform/graphql/department-subgraph';
import { startApi, type ApiProcess } from './federation/api-processes';
import { readSubgraphSdl, startGateway } from './federation/gateway';

/**
 * `pnpm gateway`: the scale-out set on one machine — API_PROCESSES (default 2) API processes on
 * DATABASE_URL sharing REDIS_URL's event bus, the civil-affairs department's fixture subgraph, and
 * a Hive Gateway on HOST:PORT (default 127.0.0.1:4000) load-balancing the first over the processes.
 *
 * GATEWAY_UPSTREAMS (comma-separated `http://host:port/graphql`) routes to processes started
 * elsewhere instead (docker compose); DEPARTMENT_URL to a department subgraph served elsewhere.
 * SIGTERM or Ctrl-C stops the gateway and every process it started.
 */
async function main(): Promise<void> {
  const env = process.env;
  const host = env.HOST ?? '127.0.0.1';
  const port = Number(env.PORT ?? 4000);
  const log = (line: string) => console.log(`[gateway] ${line}`);
  const started: ApiProcess[] = [];
  let department: { url: string; stop(): Promise<void> } | undefined;
  let stopGateway: (() => Promise<void>) | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    await stopGateway?.().catch(() => {});
    await Promise.all(started.map((api) => api.stop()));
    await department?.stop().catch(() => {});
    process.exit(code);
  };
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(0));
  try {
    let upstreams = (env.GATEWAY_UPSTREAMS ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    if (!upstreams.length) {
      const n = Number(env.API_PROCESSES ?? 2);
      if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required to start the API processes (or give GATEWAY_UPSTREAMS)');
      const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
      if (n > 1) log(`${n} API processes on ${new URL(env.DATABASE_URL).host}, event bus on ${redisUrl}`);
      for (let i = 1; i <= n; i++) {
        const api = await startApi(`api#${i}`, { REDIS_URL: n > 1 ? redisUrl : env.REDIS_URL, SEED_DEMO: env.SEED_DEMO ?? 'false' });
        started.push(api);
        log(`api#${i} (pid ${api.pid}) on ${api.url}/graphql`);
      }
      upstreams = started.map((api) => `${api.url}/graphql`);
    }
    let departmentUrl = env.DEPARTMENT_URL;
    if (!departmentUrl) {
      department = await startCivilAffairsSubgraph({ port: Number(env.DEPARTMENT_PORT ?? 0), host });
      departmentUrl = department.url;
      log(`civil-affairs department subgraph (fixture) on ${departmentUrl}`);
    }
    const gateway = await startGateway({
      upstreams,
      subgraphSdl: readSubgraphSdl(env.SUBGRAPH_SDL ?? resolve(__dirname, '../../schema/subgraph.graphql')),
      departments: [{ name: 'civil-affairs', typeDefs: civilAffairsTypeDefs, url: departmentUrl }],
      port,
      host,
      log,
    });
    stopGateway = gateway.stop;
    log(`routing streetgrid over ${upstreams.join(', ')}`);
    log(`gateway on ${gateway.url}/graphql (websocket subscriptions on the same path; ${gateway.url}/upstreams for the rotation)`);
    for (const api of started) {
      api.child.once('exit', (code, signal) => {
        if (!stopping) log(`${api.url} exited (${signal ?? code}); the gateway routes around it`);
      });
    }
  } catch (error) {
    console.error(`[gateway] ${(error as Error).message}`);
    await stop(1);
  }
}

void main();
