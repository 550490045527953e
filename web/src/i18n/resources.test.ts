import { createI18n, otherLanguage, resources } from './index';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [[prefix + key, value]] : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
}

const zh = flatten(resources['zh-CN'].translation);
const en = flatten(resources.en.translation);

function variables(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]).sort();
}

describe('translation resources', () => {
  it('have the same keys in zh-CN and en', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('use the same interpolation variables in both languages', () => {
    for (const key of Object.keys(zh)) expect({ key, vars: variables(en[key]) }).toEqual({ key, vars: variables(zh[key]) });
  });

  it('have no empty strings', () => {
    expect(Object.entries({ ...zh, ...en }).filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});

describe('createI18n', () => {
  it('starts in Simplified Chinese, ready to translate on the first render', () => {
    const i18n = createI18n();
    expect(i18n.language).toBe('zh-CN');
    expect(i18n.t('level.SMALL')).toBe('小网格');
  });

  it('switches to English and back', async () => {
    const i18n = createI18n();
    await i18n.changeLanguage(otherLanguage(i18n.language));
    expect(i18n.t('level.SMALL')).toBe('Small grid');
    await i18n.changeLanguage(otherLanguage(i18n.language));
    expect(i18n.language).toBe('zh-CN');
  });

  it('nests one key in another: a long text split to keep lines short still renders whole', () => {
    expect(createI18n('en').t('helper.form.hint')).toBe(
      'Register with the community you live in: what you can do, when, and how far you will go. ' +
        "Leaders match you to residents' needs; you answer each task.",
    );
    expect(createI18n('zh-CN').t('helper.form.hint')).toBe(
      '向居住地社区报到：您能做什么、什么时间、愿意走多远。网格长据此为居民需求匹配服务，每项任务由您答复。',
    );
  });

  it('formats interpolated numbers for the language', () => {
    const i18n = createI18n('zh-CN');
    expect(i18n.t('app.gridsLoaded', { large: 12, medium: 80, small: 1234 })).toBe('大网格 12 · 中网格 80 · 小网格 1,234');
  });
});
