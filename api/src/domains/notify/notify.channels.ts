import { createHmac } from 'node:crypto';
import type { NotifyConfig } from '../../platform/config';
import type { NotificationChannel } from './notify.type';

/** One message to send: the outbox row's id is its idempotency key. */
export interface Outgoing {
  id: string;
  payload: { to?: string; text: string };
}

/** A channel's sender: resolves once the receiver accepted the message, throws otherwise. */
export type ChannelAdapter = (message: Outgoing, signal: AbortSignal) => Promise<void>;

/** A failed send, with a reason safe to store and log (never the payload, never a phone number). */
export class SendError extends Error {}

/**
 * The configured channels' adapters. Each POSTs JSON with an `Idempotency-Key` header (the
 * outbox row's id, the same on every retry) that a receiver can dedupe on:
 * - SMS: a provider's HTTP API, `{ to, text, idempotencyKey }` with `X-Api-Key` and, given a
 *   secret, `X-Timestamp` and `X-Signature` = hex HMAC-SHA256(secret, timestamp + "." + body).
 * - WeCom group robot: its message format `{"msgtype":"text","text":{"content":…}}`; the robot
 *   answers HTTP 200 with `errcode` 0 on success (any other errcode is a failure).
 */
export function channelAdapters(config: NotifyConfig): Partial<Record<NotificationChannel, ChannelAdapter>> {
  const adapters: Partial<Record<NotificationChannel, ChannelAdapter>> = {};
  const sms = config.sms;
  if (sms) {
    adapters.SMS = async (message, signal) => {
      const body = JSON.stringify({ to: message.payload.to, text: message.payload.text, idempotencyKey: message.id });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'idempotency-key': message.id,
        'x-api-key': sms.apiKey,
        'x-timestamp': timestamp,
      };
      if (sms.secret) headers['x-signature'] = createHmac('sha256', sms.secret).update(`${timestamp}.${body}`).digest('hex');
      const res = await post(sms.url, headers, body, signal);
      if (!res.ok) throw new SendError(`SMS provider answered HTTP ${res.status}`);
    };
  }
  const wecom = config.wecom;
  if (wecom) {
    adapters.WECOM = async (message, signal) => {
      const body = JSON.stringify({ msgtype: 'text', text: { content: message.payload.text } });
      const res = await post(wecom.url, { 'content-type': 'application/json', 'idempotency-key': message.id }, body, signal);
      if (!res.ok) throw new SendError(`WeCom robot answered HTTP ${res.status}`);
      const answer = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
      if (!answer || answer.errcode !== 0) throw new SendError(`WeCom robot answered errcode ${answer?.errcode ?? '(none)'}`);
    };
  }
  return adapters;
}

async function post(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, { method: 'POST', headers, body, signal, redirect: 'error' });
  } catch (error) {
    if (signal.aborted) throw error;
    // The cause (connection refused, reset, DNS) names no payload.
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new SendError(`could not reach the receiver${cause ? ` (${cause})` : ''}`);
  }
}
