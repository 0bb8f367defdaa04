import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

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
