// Reads whole numbers: a word made of digits, or the digits at a position of a line, without cutting a string.

import { skipBlanks, trimEnd } from './text.js';

/** True when `token` is one or more ASCII digits and nothing else. */
export function isDigits(token: string): boolean {
  if (token.length === 0) return false;
  for (let k = 0; k < token.length; k++) {
    const code = token.charCodeAt(k);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** The whole number a word holds (`1500`), or undefined for anything else (`1.5`, `-1`, `15k`, ``, no word). */
export function wholeNumber(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  const value = digitsAt(word, 0, word.length);
  if (value < 0) return undefined;
  // Past 2^53 the digit-by-digit sum is not exact: Number() rounds the whole word once.
  return value <= Number.MAX_SAFE_INTEGER ? value : Number(word);
}

/** The decimal number made of exactly the digits in line[from, to), or -1. */
export function digitsAt(line: string, from: number, to: number): number {
  if (from >= to) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = line.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/** The number in line[from, to) between blanks (`  1500 `), or null. */
export function countAt(line: string, from: number, to = line.length): number | null {
  const start = skipBlanks(line, from, to);
  const value = digitsAt(line, start, trimEnd(line, start, to));
  return value < 0 ? null : value;
}

/** The number that starts `text` at `from` after any spaces (`1500 bytes` -> 1500, `1/255` -> 1, ` 1.` -> 1). */
export function leadingNumber(text: string, from = 0): number | undefined {
  let at = from;
  while (text.charCodeAt(at) === 32) at++;
  const start = at;
  let value = 0;
  for (let digit = text.charCodeAt(at) - 48; digit >= 0 && digit <= 9; digit = text.charCodeAt(++at) - 48) {
    value = value * 10 + digit;
  }
  return at > start ? value : undefined;
}
