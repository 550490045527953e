import type { EntityManager } from 'typeorm';
import type { NotifyConfig } from '../../platform/config';
import { elevated } from '../../platform/db/session';
import { messageText } from './notify.text';
import { ALL_CHANNELS, ALL_KINDS, type NotificationChannel, type NotificationKind, type NotificationSubject } from './notify.type';

/** One notification to write: who, what kind, about which row, and what its text shows. */
export interface Notice {
  userId: string;
  kind: NotificationKind;
  subjectType: NotificationSubject;
  subjectId: string;
  params: Record<string, unknown>;
}

interface Written {
  id: string;
  kind: NotificationKind;
  params: Record<string, unknown>;
  displayName: string;
  phone: string | null;
  kinds: NotificationKind[] | null;
  channels: NotificationChannel[] | null;
  quietStart: number | null;
  quietEnd: number | null;
}

/** The channels this process is configured to send on. */
export function configuredChannels(config: NotifyConfig): NotificationChannel[] {
  return ALL_CHANNELS.filter((c) => (c === 'SMS' ? config.sms : config.wecom));
}

/**
 * Writes each notice to its recipient's inbox and, for each configured channel their
 * preferences want (no preference row: every kind, every channel), an outbox row — in the
 * caller's transaction `m`, as the system (the recipient is someone else, whom the caller's
 * row-level security does not let them write for). A message that falls in the recipient's
 * quiet hours waits (`next_attempt_at`) until they end. Nothing goes to the outbox when no
 * channel is configured, and an SMS only to an account with a phone.
 */
export async function writeNotices(m: EntityManager, config: NotifyConfig, notices: readonly Notice[], now = new Date()): Promise<void> {
  if (!notices.length) return;
  await elevated(m, async () => {
    const written: Written[] = await m.query(
      `WITH n AS (
         INSERT INTO notification (user_id, kind, subject_type, subject_id, params)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[])
         RETURNING id, user_id, kind, params, created_at)
       SELECT n.id, n.kind, n.params, u.display_name AS "displayName", r.phone,
              p.kinds, p.channels, p.quiet_start AS "quietStart", p.quiet_end AS "quietEnd"
         FROM n JOIN app_user u ON u.id = n.user_id
         LEFT JOIN resident r ON r.id = u.resident_id
         LEFT JOIN notification_preference p ON p.user_id = n.user_id
        ORDER BY n.user_id, n.id`,
      [
        notices.map((n) => n.userId),
        notices.map((n) => n.kind),
        notices.map((n) => n.subjectType),
        notices.map((n) => n.subjectId),
        notices.map((n) => JSON.stringify(n.params)),
      ],
    );
    const configured = configuredChannels(config);
    const rows: { notification: string; channel: NotificationChannel; payload: string; at: Date }[] = [];
    for (const w of written) {
      if (!(w.kinds ?? ALL_KINDS).includes(w.kind)) continue;
      const at = afterQuietHours(now, w.quietStart, w.quietEnd);
      const text = messageText(w.kind, w.params);
      for (const channel of (w.channels ?? ALL_CHANNELS).filter((c) => configured.includes(c))) {
        if (channel === 'SMS' && !w.phone) continue;
        const payload = channel === 'SMS' ? { to: w.phone, text } : { text: `${text}（${w.displayName}）` };
        rows.push({ notification: w.id, channel, payload: JSON.stringify(payload), at });
      }
    }
    if (!rows.length) return;
    await m.query(
      `INSERT INTO outbox (notification_id, channel, payload, next_attempt_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::timestamptz[])`,
      [rows.map((r) => r.notification), rows.map((r) => r.channel), rows.map((r) => r.payload), rows.map((r) => r.at)],
    );
  });
}

const BEIJING_OFFSET_MIN = 8 * 60;

/**
 * `now`, or the end of the quiet hours (minutes after midnight, Beijing time; a window may
 * wrap past midnight) when `now` falls inside them.
 */
export function afterQuietHours(now: Date, start: number | null, end: number | null): Date {
  if (start == null || end == null || start === end) return now;
  const minute = Math.floor((now.getTime() / 60_000 + BEIJING_OFFSET_MIN) % 1440);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return now;
  const wait = (end - minute + 1440) % 1440;
  const at = new Date(now.getTime() + wait * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}
