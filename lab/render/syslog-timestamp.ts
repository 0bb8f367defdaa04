// How IOS stamps a log line under `service timestamps log datetime msec` with its clock never set: `*Nov 25 08:00:12.345: `.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Second 0 of the lab clock: Nov 25 08:00:00.000 UTC (IOS prints no year, so the year only settles leap days). */
export const LAB_CLOCK_START_MS = Date.UTC(2024, 10, 25, 8, 0, 0, 0);

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * The stamp before a message logged at `atSeconds` on the lab clock (second 0 at `clockStartMs`), its closing `: `
 * included. The `*` says the clock is not authoritative (no NTP), as on a lab router; the day is space-padded
 * (`*May  2 16:05:42.447`).
 */
export function syslogTimestamp(atSeconds: number, clockStartMs = LAB_CLOCK_START_MS): string {
  const date = new Date(clockStartMs + Math.round(atSeconds * 1000));
  const day = date.getUTCDate();
  return (
    `*${MONTHS[date.getUTCMonth()]} ${day < 10 ? ` ${day}` : day} ` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `.${pad(date.getUTCMilliseconds(), 3)}: `
  );
}
