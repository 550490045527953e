import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { HEATMAP_CELL_M, heatmapWindow, nextDay, type Speed } from '../../domain/cases/heatmap';
import { CASE_HEATMAP_QUERY } from '../../domain/cases/operations';

/**
 * The time slider's state: the 90-day heatmap history (asked once, when the panel first
 * opens), the day shown (the last one until moved), and playback (a day per second × speed,
 * stopping on the last day; play from the last day starts over).
 */
export function useTimeline(open: boolean) {
  const [asked, setAsked] = useState(open);
  if (open && !asked) setAsked(true);
  const window = useMemo(() => (asked ? heatmapWindow(Date.now()) : null), [asked]);
  const { data, error, refetch } = useQuery(CASE_HEATMAP_QUERY, {
    variables: { from: window?.from ?? '', to: window?.to ?? '', cellMeters: HEATMAP_CELL_M },
    skip: !window,
  });
  const heatmap = data?.caseHeatmap ?? null;
  const days = heatmap?.days ?? 0;
  const [picked, setPicked] = useState<number | null>(null);
  const day = days === 0 ? 0 : Math.min(picked ?? days - 1, days - 1);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);

  useEffect(() => {
    if (!playing || days === 0) return;
    const timer = setInterval(() => {
      setPicked((current) => {
        const next = nextDay(current ?? days - 1, days);
        if (next === null) {
          setPlaying(false);
          return current;
        }
        return next;
      });
    }, 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, days]);

  useEffect(() => {
    if (!open) setPlaying(false);
  }, [open]);

  const play = () => {
    if (playing) return setPlaying(false);
    if (day >= days - 1) setPicked(0);
    setPlaying(true);
  };
  const status: 'loading' | 'ready' | 'error' = heatmap ? 'ready' : error ? 'error' : 'loading';
  return {
    status,
    heatmap,
    day,
    setDay: (d: number) => {
      setPlaying(false);
      setPicked(d);
    },
    playing,
    play,
    speed,
    setSpeed,
    retry: () => void refetch().catch(() => undefined),
  };
}

export type Timeline = ReturnType<typeof useTimeline>;
