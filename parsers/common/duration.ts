// IOS durations (`00:04:12`, `1d02h`, `3w5d`, `1y2w`, `never`, `4 hours, 2 mins`) to seconds.

import { countAt } from './numbers.js';

const UNIT_SECONDS: Record<string, number> = { y: 31_536_000, w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };
const CLOCK = /^(\d+):(\d{2}):(\d{2})$/;
const UNITS = /^(?:\d+[ywdhms])+$/;
const UNIT_PART = /(\d+)([ywdhms])/g;

/**
 * Seconds in an IOS duration; null for `never` (and `-`, which IOS prints for "no time").
 * Returns undefined for text that is not a duration, so callers can warn.
 */
export function parseDuration(text: string): number | null | undefined {
  if (text === 'never' || text === '-' || text === 'never expire') return null;
  const clock = CLOCK.exec(text);
  if (clock) return Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  if (!UNITS.test(text)) return undefined;
  let seconds = 0;
  for (const [, count, unit] of text.matchAll(UNIT_PART)) seconds += Number(count) * UNIT_SECONDS[unit!]!;
  return seconds;
}

/**
 * parseDuration's value for text[from, end), read in place for the forms every table prints (`00:04:12`, `1d02h`)
 * and through parseDuration for the rest (`never`): it runs once per row of a hub's output.
 */
export function durationAt(text: string, from: number, end: number): number | null | undefined {
  return clockAt(text, from, end) ?? unitsAt(text, from, end) ?? parseDuration(text.slice(from, end));
}

const digitAt = (text: string, at: number): number => {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57 ? code - 48 : -1;
};

/** `00:04:12` read in place; undefined when the text is not a clock. */
function clockAt(text: string, from: number, end: number): number | undefined {
  if (end - from < 7 || text.charCodeAt(end - 3) !== 58 || text.charCodeAt(end - 6) !== 58) return undefined;
  let hours = 0;
  for (let at = from; at < end - 6; at++) {
    const digit = digitAt(text, at);
    if (digit < 0) return undefined;
    hours = hours * 10 + digit;
  }
  const m1 = digitAt(text, end - 5);
  const m2 = digitAt(text, end - 4);
  const s1 = digitAt(text, end - 2);
  const s2 = digitAt(text, end - 1);
  if (m1 < 0 || m2 < 0 || s1 < 0 || s2 < 0) return undefined;
  return hours * 3600 + (m1 * 10 + m2) * 60 + s1 * 10 + s2;
}

/** `1d02h`, `10w2d`, `1y2w` read in place; undefined when the text is not of that form. */
function unitsAt(text: string, from: number, end: number): number | undefined {
  let seconds = 0;
  let at = from;
  while (at < end) {
    let count = 0;
    const digitsFrom = at;
    for (let digit = digitAt(text, at); digit >= 0 && at < end; digit = digitAt(text, ++at))
      count = count * 10 + digit;
    const unit = UNIT_SECONDS[text.charAt(at)];
    if (at === digitsFrom || unit === undefined || at >= end) return undefined;
    seconds += count * unit;
    at++;
  }
  return at > from ? seconds : undefined;
}

const SPELLED_UNIT_SECONDS = new Map<string, number>([
  ['year', 31_536_000],
  ['years', 31_536_000],
  ['week', 604_800],
  ['weeks', 604_800],
  ['day', 86_400],
  ['days', 86_400],
  ['hour', 3_600],
  ['hours', 3_600],
  ['min', 60],
  ['mins', 60],
  ['minute', 60],
  ['minutes', 60],
  ['sec', 1],
  ['secs', 1],
  ['second', 1],
  ['seconds', 1],
]);

/**
 * A duration spelled out in words, `4 hours, 2 mins` or `2 years, 31 weeks, 6 days, 9 hours, 55 minutes`, to
 * seconds; undefined when the text is not such a duration.
 */
export function spelledDuration(text: string): number | undefined {
  const tokens = text.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.length % 2 !== 0) return undefined;
  let seconds = 0;
  for (let i = 0; i < tokens.length; i += 2) {
    const count = countAt(tokens[i]!, 0);
    const unit = SPELLED_UNIT_SECONDS.get(tokens[i + 1]!);
    if (count === null || unit === undefined) return undefined;
    seconds += count * unit;
  }
  return seconds;
}
