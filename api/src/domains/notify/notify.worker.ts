import type { DataSource } from 'typeorm';
import type { NotifyConfig } from '../../platform/config';
import { type ChannelAdapter, channelAdapters, SendError } from './notify.channels';
import type { NotificationChannel } from './notify.type';

/** Messages claimed per round. */
const BATCH = 20;
const MAX_BACKOFF_MS = 3_600_000;

export interface OutboxRun {
  sent: number;
  retried: number;
  dead: number;
}

interface Claimed {
  id: string;
  channel: NotificationChannel;
  payload: { to?: string; text: string };
  attempts: number;
}

/**
 * Sends the outbox's due messages until none is due (or `stop` is aborted).
 *
 * A message is claimed in a short transaction of its own: `FOR UPDATE SKIP LOCKED` picks due
 * `pending` rows no other worker is claiming, and the claim counts the attempt and moves
 * `next_attempt_at` a lease ahead, so while this worker sends, no other worker takes it. After
 * the receiver answers, the row becomes `sent`; a failure schedules the next attempt with
 * exponential backoff, and the last allowed attempt's failure makes it `dead`.
 *
 * Delivery is at least once: a worker killed after the receiver accepted a message but
 * before `sent` is written leaves the row pending; once its lease ends, the next worker sends
 * it again with the same `Idempotency-Key` (the row's id). A receiver that dedupes on that key
 * (our test receiver, an SMS gateway that supports one) sees each message exactly once; one
 * that does not (WeCom's group robot ignores the header) may show one duplicate per such crash.
 * No message is lost, and none is sent twice by two live workers.
 */
export async function runOutbox(ds: DataSource, config: NotifyConfig, stop?: AbortSignal): Promise<OutboxRun> {
  const adapters = channelAdapters(config);
  const run: OutboxRun = { sent: 0, retried: 0, dead: 0 };
  if (!Object.keys(adapters).length) return run;
  while (!stop?.aborted) {
    const claimed: Claimed[] = await ds.query(
      `WITH due AS (
         SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= now() AND channel = ANY($3::text[])
          ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE outbox o SET attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
           FROM due WHERE o.id = due.id
         RETURNING o.id, o.channel, o.payload, o.attempts, o.next_attempt_at)
       SELECT id, channel, payload, attempts FROM claimed ORDER BY next_attempt_at, id`,
      [BATCH, config.leaseMs, Object.keys(adapters)],
    );
    if (!claimed.length) break;
    for (const message of claimed) {
      if (stop?.aborted) return run;
      const outcome = await send(adapters[message.channel]!, message, config.timeoutMs, stop);
      if (outcome === 'stopped') return run;
      if (outcome === null) {
        await ds.query(`UPDATE outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND status = 'pending'`, [
          message.id,
        ]);
        run.sent++;
      } else if (message.attempts >= config.maxAttempts) {
        await ds.query(`UPDATE outbox SET status = 'dead', last_error = $2 WHERE id = $1 AND status = 'pending'`, [message.id, outcome]);
        run.dead++;
        console.warn(`notify: outbox ${message.id} (${message.channel}) is dead after ${message.attempts} attempts: ${outcome}`);
      } else {
        const delay = Math.min(config.backoffMs * 2 ** (message.attempts - 1), MAX_BACKOFF_MS);
        await ds.query(
          `UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), last_error = $3
            WHERE id = $1 AND status = 'pending'`,
          [message.id, delay, outcome],
        );
        run.retried++;
      }
    }
  }
  return run;
}

/** Null when sent; the reason when not; 'stopped' when the worker was told to stop mid-send (nothing is written then). */
async function send(adapter: ChannelAdapter, message: Claimed, timeoutMs: number, stop?: AbortSignal): Promise<string | null | 'stopped'> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    await adapter({ id: message.id, payload: message.payload }, stop ? AbortSignal.any([stop, timeout]) : timeout);
    return null;
  } catch (error) {
    if (stop?.aborted) return 'stopped';
    if (timeout.aborted) return `no answer within ${timeoutMs} ms`;
    // Only our own reasons are stored: an unexpected error's message could quote the payload.
    return error instanceof SendError ? error.message : 'send failed';
  }
}
