import { dayStart, frameTotal, heatFrame, heatmapWindow, HEATMAP_DAYS, nextDay, type HeatmapColumns } from './heatmap';

// Two cells; buckets on days 0, 3 (both cells), 9.
const data: HeatmapColumns = {
  from: '2026-09-07T16:00:00.000Z',
  days: 10,
  lng: [120.1, 120.2],
  lat: [30.1, 30.2],
  cell: [0, 0, 1, 1],
  day: [0, 3, 3, 9],
  count: [2, 1, 4, 5],
  late: [1, 0, 2, 0],
};

describe('heatFrame', () => {
  it('sums the week ending on the day per cell, leaving out empty cells', () => {
    const frame = heatFrame(data, 3);
    expect(frame.features.map((f) => [f.geometry.coordinates, f.properties.n, f.properties.w])).toEqual([
      [[120.1, 30.1], 3, 0.75],
      [[120.2, 30.2], 4, 1],
    ]);
    expect(frameTotal(frame)).toBe(7);
    // Day 9's week is days 3–9.
    expect(frameTotal(heatFrame(data, 9))).toBe(10);
    // Day 10's week is 4–10: only day 9.
    expect(frameTotal(heatFrame(data, 10))).toBe(5);
  });

  it('counts only late cases when asked, and a one-day span', () => {
    expect(frameTotal(heatFrame(data, 3, 7, true))).toBe(3);
    expect(heatFrame(data, 9, 7, true).features.map((f) => f.properties.n)).toEqual([2]);
    expect(frameTotal(heatFrame(data, 3, 1))).toBe(5);
  });
});

describe('the window and days', () => {
  it('starts 89 days before Beijing midnight today', () => {
    const now = Date.parse('2026-12-06T02:00:00Z'); // 10:00 in Beijing
    const w = heatmapWindow(now);
    expect(w.to).toBe('2026-12-06T02:00:00.000Z');
    expect(w.from).toBe('2026-09-07T16:00:00.000Z');
    expect((Date.parse(w.to) - Date.parse(w.from)) / 86_400_000).toBeCloseTo(HEATMAP_DAYS - 1 + 10 / 24, 6);
    expect(new Date(dayStart(data, 2)).toISOString()).toBe('2026-09-09T16:00:00.000Z');
  });

  it('plays forward and stops on the last day', () => {
    expect(nextDay(0, 10)).toBe(1);
    expect(nextDay(8, 10)).toBe(9);
    expect(nextDay(9, 10)).toBeNull();
  });
});
