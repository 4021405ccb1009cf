import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { detectLocale, saveLocale, type Locale } from './detect-locale';
import { createFormatters, type Formatters } from './format';
import { en } from './messages-en';
import type { Messages } from './messages';
import { ru } from './messages-ru';

const MESSAGES: Record<Locale, Messages> = { en, ru };

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Messages;
  format: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(detectLocale);
  const value = useMemo<I18n>(() => {
    const t = MESSAGES[locale];
    return {
      locale,
      t,
      format: createFormatters(locale, t.units),
      setLocale(next) {
        saveLocale(next);
        setLocaleState(next);
      },
    };
  }, [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = value.t.app.name;
  }, [locale, value]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n needs an <I18nProvider> above it');
  return i18n;
}
