export interface PluralForms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

const rulesByLocale = new Map<string, Intl.PluralRules>();

/** Picks the plural form CLDR gives for `count` in `locale` (Russian needs one/few/many). */
export function plural(locale: string, count: number, forms: PluralForms): string {
  let rules = rulesByLocale.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesByLocale.set(locale, rules);
  }
  const category = rules.select(count);
  return (category === 'one' || category === 'few' || category === 'many' ? forms[category] : undefined) ?? forms.other;
}
