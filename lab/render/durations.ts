// IOS durations as every `show` command prints them: `00:04:12` below a day, `1d02h` below a week, `3w5d` below a
// year, `1y10w` past it, and `never` for no time.

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const WEEK = 604_800;
/** IOS counts a year as 365 days (`1y0w` follows `52w0d`). */
const YEAR = 31_536_000;

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** `hh:mm:ss`, the clock form IOS prints below a day (and that counters like `(00:00:05 ago)` always use). */
export function clockDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / HOUR);
  const minutes = Math.floor((whole % HOUR) / MINUTE);
  return `${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(whole % MINUTE)}`;
}

/** An IOS duration in seconds as IOS prints it; null prints `never`. */
export function iosDuration(seconds: number | null): string {
  if (seconds === null) return 'never';
  const whole = Math.max(0, Math.floor(seconds));
  if (whole < DAY) return clockDuration(whole);
  if (whole < WEEK) return `${Math.floor(whole / DAY)}d${twoDigits(Math.floor((whole % DAY) / HOUR))}h`;
  if (whole < YEAR) return `${Math.floor(whole / WEEK)}w${Math.floor((whole % WEEK) / DAY)}d`;
  return `${Math.floor(whole / YEAR)}y${Math.floor((whole % YEAR) / WEEK)}w`;
}
