import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { noticePoints, type NoticePoints } from './noticeLayer';
import { PINNED_NOTICES } from './operations';

/** The published notices pinned on the map that the caller sees, as points (refreshed each minute); asked only when `on`. */
export function usePinnedNotices(on: boolean): NoticePoints | null {
  const { data } = useQuery(PINNED_NOTICES, { skip: !on, pollInterval: 60_000 });
  return useMemo(() => (data ? noticePoints(data.notices) : null), [data]);
}
