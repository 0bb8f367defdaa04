import { describe, expect, it } from 'vitest';
import { countAt, digitsAt, isDigits, leadingNumber, wholeNumber } from './numbers.js';

describe('whole numbers in words', () => {
  it('takes a word of digits only', () => {
    expect(isDigits('1500')).toBe(true);
    expect(['', '15k', '-1', '1.5'].map(isDigits)).toEqual([false, false, false, false]);
  });

  it('reads the number a word holds, and nothing from a word that holds none', () => {
    expect(wholeNumber('65000')).toBe(65000);
    expect(wholeNumber('0x10')).toBeUndefined();
    expect(wholeNumber(undefined)).toBeUndefined();
  });
});

describe('numbers at a position of a line', () => {
  it('reads exactly the digits of a range, or -1', () => {
    expect(digitsAt('spi 1703902225', 4, 14)).toBe(1703902225);
    expect(digitsAt('12a', 0, 3)).toBe(-1);
    expect(digitsAt('12', 1, 1)).toBe(-1);
  });

  it('reads a count between blanks, or null', () => {
    expect(countAt('conn id:  2076 ', 8)).toBe(2076);
    expect(countAt('mtu  abc', 3)).toBeNull();
  });

  it('reads the number a text starts with, whatever follows it', () => {
    expect(leadingNumber('1500 bytes')).toBe(1500);
    expect(leadingNumber('ager 10 mins', 4)).toBe(10);
    expect(leadingNumber('bytes')).toBeUndefined();
  });
});

describe('very long numbers', () => {
  it('reads a word past 2^53 as Number() does, rounded once', () => {
    expect(wholeNumber('18446744073709551615')).toBe(Number('18446744073709551615'));
    expect(wholeNumber('9007199254740993')).toBe(Number('9007199254740993'));
  });
});
