import { activityTimes } from './teams';
import { clock, minutesOf, skillName, sortVisits } from './services';

describe('leader services helpers', () => {
  it('reads HH:MM times', () => {
    expect(minutesOf('9:05')).toBe(545);
    expect(minutesOf('24:00')).toBe(1440);
    for (const bad of ['24:01', '9:60', 'nine', '']) expect(minutesOf(bad)).toBeNull();
  });

  it('writes minutes as a clock', () => {
    expect(clock(0)).toBe('00:00');
    expect(clock(9 * 60 + 5)).toBe('09:05');
    expect(clock(1440)).toBe('24:00');
  });

  it('names skills in the language, falling back to the code', () => {
    const skills = [{ code: 'MEAL', nameZh: '送餐', nameEn: 'Meal delivery' }];
    expect(skillName(skills, 'MEAL', 'zh-CN')).toBe('送餐');
    expect(skillName(skills, 'MEAL', 'en')).toBe('Meal delivery');
    expect(skillName(skills, 'OTHER', 'en')).toBe('OTHER');
  });

  it('puts overdue visits first, then the soonest due', () => {
    const row = (householdId: string, nextDueAt: string, overdue: boolean) => ({
      householdId,
      address: '',
      nextDueAt,
      overdue,
      tags: [],
      intervalDays: 30,
    });
    const sorted = sortVisits([
      row('a', '2026-12-01T00:00:00Z', false),
      row('b', '2026-11-20T00:00:00Z', true),
      row('c', '2026-11-01T00:00:00Z', true),
    ]);
    expect(sorted.map((r) => r.householdId)).toEqual(['c', 'b', 'a']);
  });
});

describe('the activity form', () => {
  it('reads the start on the Shanghai calendar and adds the duration', () => {
    expect(activityTimes('2026-11-28T09:00', 2.5)).toEqual({ startsAt: '2026-11-28T01:00:00.000Z', endsAt: '2026-11-28T03:30:00.000Z' });
    expect(activityTimes('2026-11-28', 2)).toBeNull();
    expect(activityTimes('2026-11-28T09:00', 0)).toBeNull();
  });
});
