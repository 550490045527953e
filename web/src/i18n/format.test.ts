import { createFormatters, streetDay, streetMonth } from './format';

describe('createFormatters', () => {
  const zh = createFormatters('zh-CN');
  const en = createFormatters('en');

  it('groups counts', () => {
    expect(zh.count(12345)).toBe('12,345');
    expect(en.count(0)).toBe('0');
  });

  it('shows areas in hectares', () => {
    expect(zh.area(123_400)).toBe('12.3公顷');
    expect(en.area(500)).toBe('0.05 ha');
  });

  it('formats a bare date as that calendar day in any time zone', () => {
    expect(zh.date('2021-03-01')).toBe('2021年3月1日');
    expect(en.date('2021-03-01')).toBe('March 1, 2021');
  });

  it('formats a date-time on the street office clock', () => {
    expect(zh.date('2021-02-28T20:00:00Z')).toBe('2021年3月1日');
  });

  it('shows a date it cannot parse as it came', () => {
    expect(zh.date('2019年起')).toBe('2019年起');
  });

  it('shows coordinates to six places without grouping', () => {
    expect(zh.coordinate(116.3974)).toBe('116.397400');
    expect(en.coordinate(-0.5)).toBe('-0.500000');
  });
});

describe('streetMonth', () => {
  it('is the month on the Shanghai calendar, with its label and its instants', () => {
    expect(streetMonth(new Date('2026-11-30T16:30:00Z'))).toEqual({
      label: '2026-12',
      from: '2026-11-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
    expect(streetMonth(new Date('2026-11-30T15:59:59Z'))).toEqual({
      label: '2026-11',
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
    });
  });
});

describe('streetDay', () => {
  it('turns at midnight in Beijing (16:00 UTC), not at midnight UTC', () => {
    expect(streetDay(new Date('2026-02-28T15:59:59.999Z'))).toBe('2026-02-28');
    expect(streetDay(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01');
    expect(streetDay(new Date('2026-02-28T17:30:00Z'))).toBe('2026-03-01');
    expect(streetDay(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
  });

  it('crosses months and years on the street calendar', () => {
    expect(streetDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(streetDay(new Date('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
  });

  it('is today by default', () => {
    jest.useFakeTimers({ now: new Date('2026-02-28T17:30:00Z') });
    try {
      expect(streetDay()).toBe('2026-03-01');
    } finally {
      jest.useRealTimers();
    }
  });
});
