import 'reflect-metadata';
import { afterQuietHours } from './notify.writer';

// Quiet hours are minutes after midnight, Beijing time (UTC+8).
const at = (utc: string) => new Date(`2026-12-05T${utc}:00.000Z`);

describe('afterQuietHours', () => {
  it('answers now outside the quiet hours, or without any', () => {
    expect(afterQuietHours(at('04:00'), 22 * 60, 7 * 60)).toEqual(at('04:00')); // 12:00 in Beijing
    expect(afterQuietHours(at('04:00'), null, null)).toEqual(at('04:00'));
  });

  it('waits until the quiet hours end, across midnight', () => {
    // 23:30 Beijing, quiet 22:00–07:00: until 07:00 Beijing = 23:00 UTC.
    expect(afterQuietHours(at('15:30'), 22 * 60, 7 * 60)).toEqual(at('23:00'));
    // 06:59 Beijing: one minute.
    expect(afterQuietHours(at('22:59'), 22 * 60, 7 * 60)).toEqual(at('23:00'));
    // 12:30 Beijing, quiet 12:00–14:00 (a nap): until 14:00 Beijing = 06:00 UTC.
    expect(afterQuietHours(at('04:30'), 12 * 60, 14 * 60)).toEqual(at('06:00'));
  });
});
