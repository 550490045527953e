import 'i18next';
import type zhCN from './locales/zh-CN.json';

declare module 'i18next' {
  /** Types `t()` keys against the Chinese resources, the reference language. */
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
