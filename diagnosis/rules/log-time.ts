// When a device's log lines were written, on the epoch clock, and what time the device's own clock says it is.

import type { SyslogEvent } from '../../model/records/syslog.js';
import type { DeviceView, Located } from '../view.js';

const DAY_MS = 86_400_000;

function withinYear(event: SyslogEvent, year: number): number | null {
  if (event.month === null || event.day === null || event.timeOfDaySeconds === null) return null;
  return Date.UTC(year, event.month - 1, event.day) + Math.round(event.timeOfDaySeconds * 1000);
}

export interface TimedLog {
  log: Located<SyslogEvent>;
  at: number;
}

/**
 * The device's log lines that carry a date, oldest first, in milliseconds since the epoch. IOS prints no year:
 * the newest line takes the year that puts it at or before the poll, and going back through the buffer a line
 * later in the year than the one after it belongs to the year before.
 */
export function timedLogs(
  device: DeviceView,
  keep: (event: SyslogEvent) => boolean = () => true,
): TimedLog[] {
  const dated = device.logs.filter(({ record }) => withinYear(record, 2000) !== null);
  const timed: TimedLog[] = [];
  let year: number | null = null;
  let next = Number.POSITIVE_INFINITY;
  for (let index = dated.length - 1; index >= 0; index--) {
    const log = dated[index]!;
    const { record } = log;
    if (year === null) {
      const collectedAt = log.output.collectedAt;
      year = new Date(collectedAt).getUTCFullYear();
      if (withinYear(record, year)! > collectedAt + DAY_MS) year--;
    }
    let at = record.year !== null ? withinYear(record, record.year)! : withinYear(record, year)!;
    if (record.year === null && at > next + DAY_MS) {
      year--;
      at = withinYear(record, year)!;
    }
    next = at;
    if (keep(record)) timed.push({ log, at });
  }
  // Built newest first: reversed, lines stamped in the same second keep their buffer order.
  return timed.reverse().sort((a, b) => a.at - b.at);
}

/** `1d02h`-style text for a duration in milliseconds, as IOS prints up-times. */
export function durationText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 86_400) {
    const pad = (value: number): string => String(value).padStart(2, '0');
    return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  }
  return `${Math.floor(seconds / 86_400)}d${String(Math.floor((seconds % 86_400) / 3600)).padStart(2, '0')}h`;
}

/**
 * The device's clock at the poll. A clock marked `*` (never set, no NTP) cannot be compared with the poller's: its
 * newest log line is then the best estimate of the device's time (a lower bound).
 */
export function deviceClock(device: DeviceView): number {
  const logs = timedLogs(device);
  const newest = logs[logs.length - 1];
  if (newest && logs.some(({ log }) => log.record.unsynced))
    return Math.max(newest.at, logTimeFloor(device, newest.at));
  return device.snapshot.collectedAt;
}

/** The poll time when it lies on the device's own clock (same year, no later than a day past the newest line). */
function logTimeFloor(device: DeviceView, newest: number): number {
  const collectedAt = device.snapshot.collectedAt;
  return collectedAt >= newest && collectedAt - newest < DAY_MS ? collectedAt : newest;
}
