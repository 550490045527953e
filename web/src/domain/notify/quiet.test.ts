import { hhmmOf, minutesOf } from './quiet';

describe('quiet hours as a time input speaks them', () => {
  it('reads HH:MM as minutes after midnight and writes them back', () => {
    expect(minutesOf('22:30')).toBe(1350);
    expect(minutesOf('7:05')).toBe(425);
    expect(hhmmOf(1350)).toBe('22:30');
    expect(hhmmOf(425)).toBe('07:05');
    expect(hhmmOf(null)).toBe('');
  });

  it('refuses what is not a time of day', () => {
    expect(minutesOf('24:00')).toBeNull();
    expect(minutesOf('12:60')).toBeNull();
    expect(minutesOf('')).toBeNull();
  });
});
