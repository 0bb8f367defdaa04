import { describe, expect, it } from 'vitest';
import { durationAt, parseDuration, spelledDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['00:04:12', 252],
    ['23:59:59', 86_399],
    ['1d02h', 93_600],
    ['3w5d', 2_246_400],
    ['48w0d', 29_030_400],
    ['1y2w', 32_745_600],
    ['10w2d', 6_220_800],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('reads never as null (no time in state)', () => {
    expect(parseDuration('never')).toBeNull();
  });

  it('answers undefined for text that is not a duration, so the caller can warn', () => {
    expect(parseDuration('UP')).toBeUndefined();
    expect(parseDuration('1x')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});

describe('durationAt', () => {
  it('reads a duration in place, as parseDuration reads it cut out', () => {
    const row = '  1 10.0.0.1  UP 1d02h  D';
    expect(durationAt(row, 17, 22)).toBe(93_600);
    expect(durationAt('UP 00:04:12 D', 3, 11)).toBe(252);
    expect(durationAt('x never', 2, 7)).toBeNull();
    expect(durationAt('x 1x', 2, 4)).toBeUndefined();
  });
});

describe('spelledDuration', () => {
  it('reads a lifetime or an uptime spelled out in words', () => {
    expect(spelledDuration('4 hours, 2 mins')).toBe(14_520);
    expect(spelledDuration('2 years, 31 weeks, 6 days, 9 hours, 55 minutes')).toBe(82_374_900);
  });

  it('answers undefined for words that are not a duration', () => {
    expect(spelledDuration('is not applicable')).toBeUndefined();
    expect(spelledDuration('4 hours, 2')).toBeUndefined();
    expect(spelledDuration('')).toBeUndefined();
  });
});
