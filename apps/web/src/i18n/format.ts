import type { Messages } from './messages';

export interface Formatters {
  number(value: number, fractionDigits?: number): string;
  bytes(bytes: number): string;
  seconds(seconds: number): string;
  /** A running clock: 0:07, 1:02:03. */
  clock(seconds: number): string;
  tokensPerSecond(value: number): string;
  percent(ratio: number): string;
  dateTime(iso: string): string;
  relative(iso: string, now: number): string;
  /** "a, b and c" in the language's own way. */
  list(items: string[]): string;
}

const NBSP = '\u00a0';

export function createFormatters(locale: string, units: Messages['units']): Formatters {
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberWith = (fractionDigits: number) => {
    let format = numberFormats.get(fractionDigits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits });
      numberFormats.set(fractionDigits, format);
    }
    return format;
  };
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction' });

  const number = (value: number, fractionDigits = 0) => numberWith(fractionDigits).format(value);

  return {
    number,
    bytes(bytes) {
      // Binary multiples, labelled KB/MB like the server's limit (MAX_UPLOAD_MB is MiB).
      if (bytes < 1024) return `${number(bytes)}${NBSP}${units.b}`;
      if (bytes < 1024 * 1024) return `${number(bytes / 1024, bytes < 10 * 1024 ? 1 : 0)}${NBSP}${units.kb}`;
      return `${number(bytes / (1024 * 1024), 1)}${NBSP}${units.mb}`;
    },
    seconds(seconds) {
      if (seconds >= 60) {
        const minutes = Math.floor(seconds / 60);
        return `${number(minutes)}${NBSP}${units.min} ${number(Math.round(seconds % 60))}${NBSP}${units.s}`;
      }
      return `${number(seconds, seconds < 10 ? 2 : 1)}${NBSP}${units.s}`;
    },
    clock(seconds) {
      const whole = Math.max(0, Math.floor(seconds));
      const hours = Math.floor(whole / 3600);
      const minutes = Math.floor((whole % 3600) / 60);
      const rest = twoDigits.format(whole % 60);
      return hours > 0 ? `${hours}:${twoDigits.format(minutes)}:${rest}` : `${minutes}:${rest}`;
    },
    tokensPerSecond: (value) => `${number(value, value < 100 ? 1 : 0)}${NBSP}${units.tokPerS}`,
    percent: (ratio) => percentFormat.format(ratio),
    dateTime: (iso) => dateFormat.format(new Date(iso)),
    list: (items) => listFormat.format(items),
    relative(iso, now) {
      const seconds = (Date.parse(iso) - now) / 1000;
      const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
        ['second', 60],
        ['minute', 60],
        ['hour', 24],
        ['day', 7],
      ];
      let value = seconds;
      for (const [unit, size] of steps) {
        if (Math.abs(value) < size) return relativeFormat.format(Math.round(value), unit);
        value /= size;
      }
      return dateFormat.format(new Date(iso));
    },
  };
}
