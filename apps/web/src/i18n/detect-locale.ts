import { readStored, writeStored } from '../lib/storage';

export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

const LOCALE_KEY = 'vision-batch.locale';

const isLocale = (value: string | null): value is Locale => LOCALES.includes(value as Locale);

/** The saved choice, else the browser's first language we speak, else English. */
export function detectLocale(): Locale {
  const saved = readStored(LOCALE_KEY);
  if (isLocale(saved)) return saved;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const language of preferred) {
    const base = language.toLowerCase().split('-')[0] ?? '';
    if (isLocale(base)) return base;
  }
  return 'en';
}

export const saveLocale = (locale: Locale): void => writeStored(LOCALE_KEY, locale);
