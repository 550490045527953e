import { checkScheme, DEFAULT_SCHEME, monthBefore, monthRange } from './assessment.scheme';

const field = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions: { code: string; field: string } }).extensions;
  }
  return null;
};

describe('the assessment scheme', () => {
  it('defaults to weights adding up to 100', () => {
    expect(DEFAULT_SCHEME.reduce((s, i) => s + i.weight, 0)).toBe(100);
  });

  it('keeps the defaults for inputs left out and refuses bad ones by field', () => {
    const s = checkScheme([{ code: 'REWORK', weight: 30, target: 0.1 }]);
    expect(s.find((i) => i.code === 'REWORK')).toEqual({ code: 'REWORK', weight: 30, target: 0.1 });
    expect(s.find((i) => i.code === 'SATISFACTION')).toEqual({ code: 'SATISFACTION', weight: 20, target: 0.9 });
    expect(field(() => checkScheme([{ code: 'X', weight: 1, target: 1 }]))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.inputs.0.code',
    });
    expect(field(() => checkScheme([{ code: 'REWORK', weight: Number.NaN, target: 0.1 }]))).toMatchObject({
      field: 'input.inputs.0.weight',
    });
    expect(field(() => checkScheme([{ code: 'SERVICE_HOURS', weight: 1, target: 800 }]))).toMatchObject({
      field: 'input.inputs.0.target',
    });
    expect(
      field(() =>
        checkScheme([
          { code: 'REWORK', weight: 1, target: 0.1 },
          { code: 'REWORK', weight: 2, target: 0.1 },
        ]),
      ),
    ).toMatchObject({ field: 'input.inputs.1.code' });
    expect(field(() => checkScheme(DEFAULT_SCHEME.map((i) => ({ ...i, weight: 0 }))))).toMatchObject({ field: 'input.inputs' });
  });
});

describe('months', () => {
  it('are China Standard Time months', () => {
    expect(monthRange('2025-06')).toEqual({ from: new Date('2025-05-31T16:00:00Z'), to: new Date('2025-06-30T16:00:00Z') });
    expect(monthRange('2025-12').to).toEqual(new Date('2025-12-31T16:00:00Z'));
    expect(field(() => monthRange('2025-13'))).toMatchObject({ field: 'month' });
    expect(monthBefore('2025-01', 1)).toBe('2024-12');
  });
});
