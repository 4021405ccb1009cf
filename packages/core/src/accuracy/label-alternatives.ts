/** Separates acceptable labels inside one label string: "airplane|aircraft|plane". */
export const LABEL_ALTERNATIVE_SEPARATOR = '|';

/** The acceptable labels in `label`: an array, or strings with `|` between alternatives; trimmed, unique. */
export function splitLabels(label: string | readonly string[]): string[] {
  const parts = (typeof label === 'string' ? [label] : label).flatMap((part) => part.split(LABEL_ALTERNATIVE_SEPARATOR));
  return [...new Set(parts.map((part) => part.trim()).filter((part) => part !== ''))];
}
