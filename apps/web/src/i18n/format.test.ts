import { describe, expect, it } from 'vitest';
import { createFormatters } from './format';
import { en } from './messages-en';
import { ru } from './messages-ru';

describe('createFormatters', () => {
  it('formats sizes, times and speeds for English', () => {
    const format = createFormatters('en', en.units);
    expect(format.bytes(934 * 1024)).toBe('934\u00a0KB');
    expect(format.bytes(100 * 1024 * 1024)).toBe('100\u00a0MB');
    expect(format.seconds(1.234)).toBe('1.23\u00a0s');
    expect(format.seconds(75)).toBe('1\u00a0min 15\u00a0s');
    expect(format.clock(3725)).toBe('1:02:05');
    expect(format.tokensPerSecond(42.06)).toBe('42.1\u00a0tok/s');
  });

  it('uses a decimal comma and Russian units for Russian', () => {
    const format = createFormatters('ru', ru.units);
    expect(format.bytes(1.5 * 1024 * 1024)).toBe('1,5\u00a0МБ');
    expect(format.seconds(0.52)).toBe('0,52\u00a0с');
    expect(format.number(12345)).toBe('12\u00a0345');
  });
});
