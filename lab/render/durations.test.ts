import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../parsers/common/duration.js';
import { clockDuration, iosDuration } from './durations.js';

describe('iosDuration', () => {
  it.each([
    [0, '00:00:00'],
    [252, '00:04:12'],
    [86_399, '23:59:59'],
    [86_400, '1d00h'],
    [93_600, '1d02h'],
    [561_600, '6d12h'],
    [604_799, '6d23h'],
    [604_800, '1w0d'],
    [2_246_400, '3w5d'],
    [29_030_400, '48w0d'],
    [31_449_600, '52w0d'],
    [31_536_000, '1y0w'],
    [37_584_000, '1y10w'],
    [83_030_400, '2y33w'],
  ])('prints %i seconds as %s, as the captures do', (seconds, text) => {
    expect(iosDuration(seconds)).toBe(text);
  });

  it('prints no time as never', () => {
    expect(iosDuration(null)).toBe('never');
  });

  it('drops fractions of a second and never prints a negative time', () => {
    expect(iosDuration(59.9)).toBe('00:00:59');
    expect(iosDuration(-3)).toBe('00:00:00');
  });

  it('reads back through our parser to the seconds shown (down to the unit printed)', () => {
    for (const seconds of [0, 7, 3_599, 86_399, 90_000, 604_800, 2_246_400, 31_536_000, 37_584_000]) {
      expect(parseDuration(iosDuration(seconds))).toBe(seconds);
    }
  });
});

describe('clockDuration', () => {
  it('keeps the clock form past a day, for counters like (25:00:00 ago)', () => {
    expect(clockDuration(5)).toBe('00:00:05');
    expect(clockDuration(90_000)).toBe('25:00:00');
  });
});
