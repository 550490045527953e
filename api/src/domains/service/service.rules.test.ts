import { GraphQLError } from 'graphql';
import { ActorRole } from '../../platform/identity/actor';
import { allow, checkPeriod, checkWindow, formatWindow } from './service.rules';

describe('service rules', () => {
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

  it('lets only the roles in the table act', () => {
    expect(() => allow({ role: ActorRole.VOLUNTEER, name: '李' }, 'CLAIM_WISH')).not.toThrow();
    expect(() => allow({ role: ActorRole.REPORTER, name: '李' }, 'REVIEW_WISH')).toThrow(/may not/);
  });
});
