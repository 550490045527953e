import { defaultLanguage, isLanguage, type Language } from '../i18n';

const STORAGE_KEY = 'streetgrid.language';

/** The language chosen last on this screen, else Simplified Chinese (not the browser's: wall screens run in English-locale kiosks too). */
export function storedLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

export function storeLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: Language): void {
  try {
    storage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or a locked-down kiosk: the choice lasts until reload.
  }
}

/** `localStorage`, or nothing where touching it throws (sandboxed frames, locked-down kiosks). */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
