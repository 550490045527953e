import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CombinedGraphQLErrors } from '@apollo/client';
import { createI18n } from '../i18n';
import zhCN from '../i18n/locales/zh-CN.json';
import { errorText } from './errors';

const zh = createI18n('zh-CN').t;
const en = createI18n('en').t;

/** An error as Apollo Client hands it over for a GraphQL response with one error. */
function refused(message: string, extensions: Record<string, unknown>): CombinedGraphQLErrors {
  return new CombinedGraphQLErrors({ data: null, errors: [{ message, extensions }] });
}

/** Latin letters a Chinese message must not show (the API's English, a field's code name). */
const LATIN = /[A-Za-z]{2,}/;

describe('errorText', () => {
  it('names the field at fault and the reason in Chinese, with the limit the API named', () => {
    const error = refused('input.name: must be 1 to 100 characters', {
      code: 'BAD_USER_INPUT',
      field: 'input.name',
      reason: 'must be 1 to 100 characters',
    });
    expect(errorText(zh, error)).toBe('「名称」须为 1 至 100 个字');
    expect(errorText(en, error)).toBe('Name: must be 1 to 100 characters');
  });

  it('reads a field inside a list by its own name, and a screen’s own label first', () => {
    const error = refused('x', { code: 'BAD_USER_INPUT', field: 'input.pledges.0.amount', reason: 'must be above 0 and at most 1000000' });
    expect(errorText(zh, error)).toBe('「数量」须大于 0 且不超过 1000000');
    const appointment = refused('x', { code: 'BAD_USER_INPUT', field: 'input.residentId', reason: 'is not an id' });
    expect(errorText(zh, appointment)).toBe('「居民」格式不正确');
    expect(errorText(zh, appointment, { fields: 'console.field' })).toBe('「任命人选」格式不正确');
  });

  it('never shows the API’s English: an unknown reason or field gets general words', () => {
    const odd = refused('input.zzz: something new the UI has not met', {
      code: 'BAD_USER_INPUT',
      field: 'input.zzz',
      reason: 'something new',
    });
    expect(errorText(zh, odd)).toBe('填写的内容有误，请检查后重试');
    const known = refused('x', { code: 'BAD_USER_INPUT', field: 'input.title', reason: 'something new' });
    expect(errorText(zh, known)).toBe('「标题」填写有误');
    for (const code of [
      'FORBIDDEN',
      'UNAUTHENTICATED',
      'NOT_FOUND',
      'RATE_LIMITED',
      'SERVICE_UNAVAILABLE',
      'INTERNAL_SERVER_ERROR',
      'WHATEVER',
    ]) {
      expect({ code, text: errorText(zh, refused('the English the API said', { code })) }).toEqual({
        code,
        text: expect.not.stringMatching(LATIN),
      });
    }
  });

  it('says a rule broken by its name, a stale version as a conflict, a row out of reach by its field', () => {
    expect(errorText(zh, refused('x', { code: 'BAD_USER_INPUT', rule: 'DEPUTY_NOT_SECRETARY', field: 'input.deputySecretaryId' }))).toBe(
      zhCN.console.rule.DEPUTY_NOT_SECRETARY,
    );
    expect(errorText(zh, refused('x', { code: 'CONFLICT', field: 'input.version' }))).toBe(zhCN.helper.conflict);
    expect(errorText(zh, refused('x', { code: 'FORBIDDEN', field: 'input.householdId' }))).toBe('「住户」不在您负责的范围内，或已不存在');
  });

  it('tells a network failure from our own words: fetch’s TypeError is the network, a plain Error keeps its message', () => {
    expect(errorText(zh, new TypeError('Failed to fetch'))).toBe('网络连接失败，请检查网络后重试');
    expect(errorText(zh, new Error('两次输入的密码不一致'))).toBe('两次输入的密码不一致');
    expect(errorText(zh, Object.assign(new Error('startsAt'), { field: 'input.startsAt' }))).toBe('「开始时间」填写有误');
  });

  it('has a Chinese label for every field the API names in bad input', () => {
    // The field paths the API's resolvers and services pass to badInput / missing / outOfReach / the validators.
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) files.push(path);
      }
    };
    walk(join(__dirname, '../../../api/src'));
    const named = new Set<string>();
    const call = /\b(?:badInput|missing|outOfReach|text|optionalText|uuid|integer)\(\s*['`]((?:input\.)?[A-Za-z][\w.]*)['`]/g;
    for (const file of files) for (const m of readFileSync(file, 'utf8').matchAll(call)) named.add(m[1].split('.').pop()!);
    const labels = zhCN.errors.field as Record<string, string>;
    expect(named.size).toBeGreaterThan(50);
    expect([...named].filter((name) => !labels[name]).sort()).toEqual([]);
  });
});
