import { GraphQLError } from 'graphql';
import { intIn, isUuid, optionalText, text, trimmed, uuid } from './validate';

function refusal(check: () => unknown): Record<string, unknown> | undefined {
  try {
    check();
  } catch (error) {
    if (error instanceof GraphQLError) return error.extensions;
    throw error;
  }
  return undefined;
}

describe('text', () => {
  it('answers the text trimmed of whitespace and invisible characters at both ends', () => {
    expect(text('  路灯不亮 ', 'input.description', 100)).toBe('路灯不亮');
    expect(text('\u200b\ufeff积水\u200d\u2060', 'input.description', 100)).toBe('积水');
    // Inside the text they stay (a zero-width joiner binds an emoji sequence).
    expect(text('👩\u200d🔧 修理', 'input.description', 100)).toBe('👩\u200d🔧 修理');
  });

  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ['zero-width spaces', '\u200b\u200b'],
    ['a byte-order mark and a word joiner', '\ufeff \u2060'],
    ['a soft hyphen', '\u00ad'],
  ])('refuses %s as blank, naming the field', (_name, value) => {
    expect(refusal(() => text(value, 'input.description', 100))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.description' });
  });

  it('refuses NUL anywhere, naming the field', () => {
    expect(refusal(() => text('a\u0000b', 'input.clientKey', 100))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.clientKey',
      reason: 'must not contain NUL characters',
    });
  });

  it('refuses text over the limit and treats null as blank', () => {
    expect(refusal(() => text('x'.repeat(11), 'name', 10))).toMatchObject({ field: 'name', reason: 'must be 1 to 10 characters' });
    expect(refusal(() => text(null, 'name', 10))).toMatchObject({ field: 'name' });
  });
});

describe('optionalText', () => {
  it('answers null for absent or blank (invisible characters included) text', () => {
    expect(optionalText(null, 'note', 10)).toBeNull();
    expect(optionalText(undefined, 'note', 10)).toBeNull();
    expect(optionalText(' \u200b ', 'note', 10)).toBeNull();
    expect(optionalText(' 好 ', 'note', 10)).toBe('好');
  });

  it('still refuses NUL', () => {
    expect(refusal(() => optionalText('\u0000', 'note', 10))).toMatchObject({ field: 'note' });
  });
});

describe('ids and numbers', () => {
  it('tells a uuid from anything else', () => {
    expect(isUuid('8f14e45f-ceea-467f-a0e6-4b2c2c2d1f3a')).toBe(true);
    expect(isUuid('8F14E45F-CEEA-467F-A0E6-4B2C2C2D1F3A')).toBe(true);
    expect(isUuid('8f14e45f-ceea-467f-a0e6-4b2c2c2d1f3a\u0000')).toBe(false);
    expect(isUuid(42)).toBe(false);
    expect(uuid('8f14e45f-ceea-467f-a0e6-4b2c2c2d1f3a', 'gridId')).toBe('8f14e45f-ceea-467f-a0e6-4b2c2c2d1f3a');
    expect(refusal(() => uuid('zzz', 'gridId'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridId', reason: 'is not an id' });
  });

  it('takes integers in range only', () => {
    expect(intIn(3, 'rating', 1, 5)).toBe(3);
    expect(refusal(() => intIn(2.5, 'rating', 1, 5))).toMatchObject({ field: 'rating' });
    expect(refusal(() => intIn(6, 'rating', 1, 5))).toMatchObject({ field: 'rating' });
  });

  it('trims only the ends', () => {
    expect(trimmed('\u200b a \u200b b \u200b')).toBe('a \u200b b');
  });
});
