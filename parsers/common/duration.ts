// IOS durations (`00:04:12`, `1d02h`, `3w5d`, `1y2w`, `never`) to seconds.

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
