import { linkProblem, unitFromLocation } from './unit';

describe('the unit rating page’s address', () => {
  it('is /unit-evaluation with the token in the fragment', () => {
    expect(unitFromLocation('/unit-evaluation', '#abc.def')).toEqual({ requested: true, token: 'abc.def' });
    expect(unitFromLocation('/unit-evaluation/', '')).toEqual({ requested: true, token: null });
    expect(unitFromLocation('/unit-evaluation', '#')).toEqual({ requested: true, token: null });
    expect(unitFromLocation('/echo', '#abc')).toEqual({ requested: false, token: null });
    expect(unitFromLocation('/unit-evaluation/x', '#abc')).toEqual({ requested: false, token: null });
  });

  it('says an expired link is expired and anything else is not valid', () => {
    expect(linkProblem('expired')).toBe('expired');
    expect(linkProblem('invalid')).toBe('invalid');
    expect(linkProblem(undefined)).toBe('invalid');
  });
});
