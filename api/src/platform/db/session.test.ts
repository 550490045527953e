import { inlineParameters } from './session';

describe('inlineParameters (a first statement sent with its session opening, in one message)', () => {
  it('writes each $n as the literal pg would send, quoted, NULL for null', () => {
    expect(inlineParameters('SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $1 AND d IS NOT DISTINCT FROM $3', ['x', 12.5, null])).toBe(
      "SELECT * FROM t WHERE a = 'x' AND b = '12.5' AND c = 'x' AND d IS NOT DISTINCT FROM NULL",
    );
    expect(inlineParameters('SELECT $10, $1', ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'ten'])).toBe("SELECT 'ten', '1'");
  });

  it('escapes quotes and backslashes, and writes arrays, dates and objects as pg does', () => {
    expect(inlineParameters('SELECT $1', ["O'Brien \\ 1"])).toBe("SELECT  E'O''Brien \\\\ 1'");
    expect(inlineParameters('SELECT $1::text[]', [['a', 'b"c', null]])).toBe(`SELECT  E'{"a","b\\\\"c",NULL}'::text[]`);
    expect(inlineParameters('SELECT $1::jsonb', [{ k: "it's" }])).toBe(`SELECT '{"k":"it''s"}'::jsonb`);
    expect(inlineParameters('SELECT $1::boolean', [true])).toBe(`SELECT 'true'::boolean`);
    expect(inlineParameters('SELECT $1::timestamptz', [new Date(0)])).toMatch(
      /^SELECT '1970-01-01T\d\d:00:00\.000[+-]\d\d:\d\d'::timestamptz$/,
    );
  });

  it('leaves $n alone in comments, strings, quoted identifiers and dollar-quoted bodies', () => {
    const sql = `SELECT '$1', E'\\'$1', "$1", $$ $1 $$, $f$ $1 $f$ -- a department's $1
      , $1 /* it's $1 */ , 'x''$1'`;
    expect(inlineParameters(sql, ['v'])).toBe(`SELECT '$1', E'\\'$1', "$1", $$ $1 $$, $f$ $1 $f$ -- a department's $1
      , 'v' /* it's $1 */ , 'x''$1'`);
  });

  it('leaves a $n beyond the parameters for PostgreSQL to refuse, and gives up on binary values', () => {
    expect(inlineParameters('SELECT $1, $2', ['a'])).toBe("SELECT 'a', $2");
    expect(inlineParameters('SELECT $1', [Buffer.from('x')])).toBeUndefined();
  });
});
