import { boxAround, pointOf, QUEUES } from './queues';

describe('queues', () => {
  it('lists the five queues in the order the wall shows them', () => {
    expect(QUEUES).toEqual(['toFile', 'toDispatch', 'toVerify', 'overdue', 'extension']);
  });

  it('boxes about 150 m each way around a pin', () => {
    const [w, s, e, n] = boxAround(120.1, 30.25);
    expect((n - s) * 111_320).toBeCloseTo(300, 0);
    expect((e - w) * 111_320 * Math.cos((30.25 * Math.PI) / 180)).toBeCloseTo(300, 0);
  });

  it('reads a GeoJSON point and nothing else', () => {
    expect(pointOf({ type: 'Point', coordinates: [120.1, 30.25] })).toEqual([120.1, 30.25]);
    expect(pointOf({ type: 'Polygon', coordinates: [] })).toBeNull();
    expect(pointOf(null)).toBeNull();
  });
});
