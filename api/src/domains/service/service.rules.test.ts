import { GraphQLError } from 'graphql';
import { ActorRole } from '../../platform/identity/actor';
import { allow, checkPeriod, checkWindow, formatWindow, nextDue, overlap } from './service.rules';

describe('service rules', () => {
  it('overlaps windows only on the same weekday with positive length', () => {
    expect(overlap({ weekday: 2, startMinute: 540, endMinute: 660 }, { weekday: 2, startMinute: 600, endMinute: 720 })).toEqual({
      weekday: 2,
      startMinute: 600,
      endMinute: 660,
    });
    expect(overlap({ weekday: 2, startMinute: 540, endMinute: 600 }, { weekday: 2, startMinute: 600, endMinute: 720 })).toBeNull();
    expect(overlap({ weekday: 2, startMinute: 540, endMinute: 660 }, { weekday: 3, startMinute: 540, endMinute: 660 })).toBeNull();
  });

  it('formats a window', () => {
    expect(formatWindow({ weekday: 2, startMinute: 540, endMinute: 660 })).toBe('Tue 09:00–11:00');
  });

  it('names a week by its Monday', () => {
    expect(checkPeriod('2026-11-23')).toBe('2026-11-23');
    expect(() => checkPeriod('2026-11-24')).toThrow(/Monday/);
    expect(() => checkPeriod('2026-02-30')).toThrow(/not a date/);
  });

  it('rejects a window that ends before it starts, naming the field', () => {
    try {
      checkWindow({ weekday: 1, startMinute: 600, endMinute: 600 }, 'input.availability.0');
      throw new Error('no error');
    } catch (e) {
      expect((e as GraphQLError).extensions.field).toBe('input.availability.0.endMinute');
    }
  });

  it('schedules the next visit from the last one; never visited is due now', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    expect(nextDue(null, 7, now)).toEqual(now);
    expect(nextDue(new Date('2026-11-20T00:00:00Z'), 7, now)).toEqual(new Date('2026-11-27T00:00:00Z'));
  });

  it('lets only the roles in the table act', () => {
    expect(() => allow({ role: ActorRole.VOLUNTEER, name: '李' }, 'CLAIM_WISH')).not.toThrow();
    expect(() => allow({ role: ActorRole.REPORTER, name: '李' }, 'REVIEW_WISH')).toThrow(/may not/);
  });
});
