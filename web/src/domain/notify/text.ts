import type { NotificationKind } from '../../graphql/generated/graphql';

/**
 * A notification's text in the UI: the i18n key of its kind and the values it shows. Only
 * the values a kind's text uses, as strings (a missing one shows as a dash, never `undefined`).
 */
export function notificationText(
  kind: NotificationKind,
  params: Record<string, unknown>,
): { key: `notify.kind.${NotificationKind}`; values: Record<string, string> } {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : '—');
  return {
    key: `notify.kind.${kind}`,
    values: { number: str(params.number), note: str(params.note), rating: str(params.rating), title: str(params.title) },
  };
}

/** The badge's text: the count, or 99+. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}
