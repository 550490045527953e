import { groupTasks, parseHours, registrationInput, type RegistrationDraft } from './helper';
import type { TaskRow } from './operations';

const task = (id: string, status: TaskRow['status'], period: string, weekday: number, startMinute: number): TaskRow => ({
  id,
  version: 1,
  status,
  period,
  distanceM: 100,
  explanation: '',
  window: null,
  need: { id: `n-${id}`, type: 'REPAIR', urgency: 'NORMAL', notes: null, address: null, weekday, startMinute, endMinute: startMinute + 60 },
});

describe('the helper screen', () => {
  it('groups tasks into to answer, to do and done, by week, day and time', () => {
    const groups = groupTasks([
      task('c2', 'CONFIRMED', '2026-11-30', 2, 540),
      task('a', 'ACCEPTED', '2026-11-23', 5, 600),
      task('c1', 'CONFIRMED', '2026-11-30', 1, 900),
      task('c0', 'CONFIRMED', '2026-11-23', 7, 480),
      task('d1', 'DONE', '2026-11-16', 1, 600),
      task('d2', 'DONE', '2026-11-23', 1, 600),
      task('x', 'DECLINED', '2026-11-30', 1, 600),
    ]);
    expect(groups.toAnswer.map((t) => t.id)).toEqual(['c0', 'c1', 'c2']);
    expect(groups.toDo.map((t) => t.id)).toEqual(['a']);
    expect(groups.done.map((t) => t.id)).toEqual(['d2', 'd1']);
  });

  it('accepts hours the API accepts, and nothing else', () => {
    expect(parseHours('1.5')).toBe(1.5);
    expect(parseHours(' 2,5 ')).toBe(2.5);
    expect(parseHours('24')).toBe(24);
    for (const bad of ['', '0', '-1', '24.5', 'abc', 'NaN']) expect(parseHours(bad)).toBeNull();
  });
});

describe('the helper registration form', () => {
  const draft: RegistrationDraft = {
    kind: 'VOLUNTEER',
    name: ' 李明 ',
    unitName: '',
    skills: ['REPAIR'],
    windows: [{ weekday: 6, from: '09:00', to: '11:30' }],
    radiusM: '1000',
    weeklyCapacity: '2',
    point: null,
  };

  it('builds the API input (from home when no point is picked)', () => {
    expect(registrationInput(draft)).toEqual({
      input: {
        kind: 'VOLUNTEER',
        name: '李明',
        unitName: null,
        skills: ['REPAIR'],
        radiusM: 1000,
        weeklyCapacity: 2,
        availability: [{ weekday: 6, startMinute: 540, endMinute: 690 }],
      },
    });
    expect(registrationInput({ ...draft, point: { lng: 120.1, lat: 30.2 } })).toMatchObject({ input: { lng: 120.1, lat: 30.2 } });
    expect(registrationInput({ ...draft, windows: [{ weekday: 1, from: '20:00', to: '24:00' }] })).toMatchObject({
      input: { availability: [{ weekday: 1, startMinute: 1200, endMinute: 1440 }] },
    });
  });

  it('names the first field at fault as the API would', () => {
    expect(registrationInput({ ...draft, name: ' ' })).toEqual({ field: 'input.name', error: 'helper.form.needName' });
    expect(registrationInput({ ...draft, skills: [] })).toMatchObject({ field: 'input.skills' });
    expect(registrationInput({ ...draft, windows: [] })).toMatchObject({ field: 'input.availability' });
    expect(registrationInput({ ...draft, windows: [draft.windows[0], { weekday: 2, from: '11:00', to: '10:00' }] })).toMatchObject({
      field: 'input.availability.1.endMinute',
    });
    expect(registrationInput({ ...draft, radiusM: '20' })).toMatchObject({ field: 'input.radiusM' });
    expect(registrationInput({ ...draft, weeklyCapacity: '1.5' })).toMatchObject({ field: 'input.weeklyCapacity' });
  });
});
