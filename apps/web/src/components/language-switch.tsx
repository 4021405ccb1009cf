import { LOCALES, useI18n, type Locale } from '../i18n';

const NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

/** Two buttons rather than a select: one click, and both names are always readable. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t.app.language}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="language-switch__option"
          aria-pressed={option === locale}
          title={NAMES[option]}
          onClick={() => setLocale(option)}
        >
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
