export { I18nProvider, useI18n } from './i18n-provider';
export { LOCALES, type Locale } from './detect-locale';
export type { Messages } from './messages';
export type { Formatters } from './format';
