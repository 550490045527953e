import { codeToLtreePath, levelOfCode, makeGridCode, parentCode, parseGridCode } from './grid-code';

describe('makeGridCode', () => {
  it('joins the parts of each level', () => {
    expect(makeGridCode({ street: '330106001', community: '001' })).toBe('330106001001');
    expect(makeGridCode({ street: '330106001', community: '001', compound: '002' })).toBe('330106001001002');
    expect(makeGridCode({ street: '330106001', community: '001', compound: '002', small: '0003' })).toBe('3301060010010020003');
  });

  it('zero-pads numeric parts', () => {
    expect(makeGridCode({ street: '330106001', community: 1, compound: 2, small: 3 })).toBe('3301060010010020003');
    expect(makeGridCode({ street: '110101002', community: 999 })).toBe('110101002999');
  });

  it.each([
    [{ street: '33010600', community: 1 }, 'street'],
    [{ street: '990106001', community: 1 }, 'street'],
    [{ street: '330100001', community: 1 }, 'street'],
    [{ street: '330106000', community: 1 }, 'street'],
    [{ street: '330106001', community: '01' }, 'community'],
    [{ street: '330106001', community: 0 }, 'community'],
    [{ street: '330106001', community: 1000 }, 'community'],
    [{ street: '330106001', community: 1.5 }, 'community'],
    [{ street: '330106001', community: -1 }, 'community'],
    [{ street: '330106001', community: 1, compound: 'ABC' }, 'compound'],
    [{ street: '330106001', community: 1, small: 3 }, 'compound'],
    [{ street: '330106001', community: 1, compound: 2, small: '0000' }, 'small'],
  ])('rejects %j at %s', (parts, path) => {
    expect(() => makeGridCode(parts)).toThrow(expect.objectContaining({ reason: 'BAD_CODE', path }));
  });
});

describe('parseGridCode', () => {
  it('splits a SMALL code', () => {
    expect(parseGridCode('3301060010010020003')).toEqual({
      code: '3301060010010020003',
      street: '330106001',
      community: '001',
      compound: '002',
      small: '0003',
      level: 'SMALL',
    });
  });

  it('splits MEDIUM and LARGE codes without the finer parts', () => {
    expect(parseGridCode('330106001001002')).toEqual({
      code: '330106001001002',
      street: '330106001',
      community: '001',
      compound: '002',
      level: 'MEDIUM',
    });
    expect(parseGridCode('330106001001')).toEqual({ code: '330106001001', street: '330106001', community: '001', level: 'LARGE' });
  });

  it.each(['', '330106001', '3301060010011', '33010600100a', '330106001000', '330106001001000', '3301060010010020000', ' 330106001001'])(
    'rejects %j',
    (code) => {
      expect(() => parseGridCode(code)).toThrow(expect.objectContaining({ reason: 'BAD_CODE' }));
    },
  );
});

describe('levelOfCode and parentCode', () => {
  it('reads the level from the length', () => {
    expect(levelOfCode('330106001001')).toBe('LARGE');
    expect(levelOfCode('330106001001002')).toBe('MEDIUM');
    expect(levelOfCode('3301060010010020003')).toBe('SMALL');
  });

  it('walks up to the enclosing grid, stopping below the street', () => {
    expect(parentCode('3301060010010020003')).toBe('330106001001002');
    expect(parentCode('330106001001002')).toBe('330106001001');
    expect(parentCode('330106001001')).toBeNull();
  });
});

describe('codeToLtreePath', () => {
  it('labels each level', () => {
    expect(codeToLtreePath('3301060010010020003')).toBe('s330106001.c001.m002.g0003');
    expect(codeToLtreePath('330106001001002')).toBe('s330106001.c001.m002');
    expect(codeToLtreePath('330106001001')).toBe('s330106001.c001');
  });

  it('makes a parent path a prefix of its children (ltree <@)', () => {
    const child = codeToLtreePath('3301060010010020003');
    const parent = codeToLtreePath(parentCode('3301060010010020003') as string);
    expect(child.startsWith(`${parent}.`)).toBe(true);
  });

  it('produces only ltree-safe labels', () => {
    expect(codeToLtreePath('3301060010010020003')).toMatch(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/);
  });
});
