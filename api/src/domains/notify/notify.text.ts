import type { NotificationKind } from './notify.type';

/**
 * The text an SMS or a WeCom group message carries (Chinese: the people who receive them
 * read Chinese; the in-app inbox renders its own text from kind and params through i18n).
 */
export function messageText(kind: NotificationKind, params: Record<string, unknown>): string {
  const n = typeof params.number === 'string' ? params.number : '';
  const note = typeof params.note === 'string' && params.note ? `：${params.note}` : '';
  const body: Record<NotificationKind, string> = {
    CASE_DISPATCHED: `事件 ${n} 已派遣给您，请及时处置。`,
    CASE_ESCALATED: `事件 ${n} 已上报至您${note}，请协调处置。`,
    CASE_RETURNED: `事件 ${n} 被退回返工${note}`,
    EXTENSION_APPROVED: `事件 ${n} 的延期申请已批准${typeof params.until === 'string' ? `，新时限 ${beijing(params.until)}` : ''}。`,
    EXTENSION_DECLINED: `事件 ${n} 的延期申请未获批准${note}`,
    CASE_RATED: `事件 ${n} 收到群众评价${typeof params.rating === 'number' ? `：${params.rating} 分` : ''}。`,
    TASK_CONFIRMED: '您有一项志愿服务任务已确认，请登录查看。',
    WISH_CLAIMED: '您的微心愿已被认领。',
    WISH_FULFILLED: '您的微心愿已实现。',
  };
  return `【街区网格】${body[kind]}`;
}

function beijing(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d);
}
