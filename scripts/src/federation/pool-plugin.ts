import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { describeError, errorCode, type UpstreamPool } from './upstreams';

/** The request never reached the process: safe to send to another one, whatever the operation. */
function neverSent(error: unknown): boolean {
  return ['ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(errorCode(error) ?? '');
}

/**
 * Routes the subgraph's operations over the pool. Each operation's context gets `upstream`, the
 * process chosen for it: the subgraph's transport entry points at `{context.upstream}`, so a
 * subscription's websocket opens there (one socket per process and credential, shared by its
 * subscriptions). An HTTP request whose connection is refused is taken out of rotation and
 * sent to the next process; one cut off after it was sent is not repeated here (a mutation may
 * have committed): the client retries it, with its idempotency key.
 */
export function useUpstreamPool(pool: UpstreamPool): GatewayPlugin {
  return {
    onContextBuilding({ extendContext }) {
      const upstream = pool.pick();
      if (upstream) extendContext({ upstream });
    },
    onFetch({ url, fetchFn, setFetchFn }) {
      if (!pool.owns(url)) return;
      setFetchFn(async (first, init, ...rest) => {
        const tried = new Set<string>();
        for (let target: string | null = first; ;) {
          try {
            const res = await fetchFn(target, init, ...rest);
            pool.served(target);
            return res;
          } catch (error) {
            if (!neverSent(error)) throw error;
            pool.mark(target, false, describeError(error));
            tried.add(target);
            target = pool.pick(tried);
            if (!target) throw error;
          }
        }
      });
    },
    onSubscribe({ args }) {
      const upstream = (args.contextValue as { upstream?: string }).upstream;
      if (upstream) pool.served(upstream);
    },
  };
}
