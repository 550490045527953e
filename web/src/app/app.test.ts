import { browserStorage, storedLanguage, storeLanguage } from './language';
import { themeFromSearch } from './theme';

describe('themeFromSearch', () => {
  it('is dark for the wall screen unless light is asked for', () => {
    expect(themeFromSearch('')).toBe('dark');
    expect(themeFromSearch('?theme=light')).toBe('light');
    expect(themeFromSearch('?theme=sepia')).toBe('dark');
  });
});

describe('language choice', () => {
  function memoryStorage() {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
  }

  it('defaults to Simplified Chinese', () => {
    expect(storedLanguage(memoryStorage())).toBe('zh-CN');
    expect(storedLanguage(undefined)).toBe('zh-CN');
  });

  it('remembers the language chosen last', () => {
    const storage = memoryStorage();
    storeLanguage(storage, 'en');
    expect(storedLanguage(storage)).toBe('en');
  });

  it('ignores an unknown stored value and a storage that throws', () => {
    expect(storedLanguage({ getItem: () => 'fr' })).toBe('zh-CN');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(storedLanguage(broken)).toBe('zh-CN');
    expect(() => storeLanguage(broken, 'en')).not.toThrow();
  });

  it('has no browser storage outside a browser', () => {
    expect(browserStorage()).toBeUndefined();
  });
});
