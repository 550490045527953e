/** pg's own conversion of a JavaScript value to a parameter's text (what it sends for `$n`); not in @types/pg. */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
