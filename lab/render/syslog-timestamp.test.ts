import { describe, expect, it } from 'vitest';
import { parseSyslogLine } from '../../parsers/syslog.js';
import { syslogTimestamp } from './syslog-timestamp.js';

describe('syslogTimestamp', () => {
  it.each([
    [0, '*Nov 25 08:00:00.000: '],
    [3_725.25, '*Nov 25 09:02:05.250: '],
    [0.0004, '*Nov 25 08:00:00.000: '],
    [59.9996, '*Nov 25 08:01:00.000: '],
    [6 * 86_400, '*Dec  1 08:00:00.000: '],
    [37 * 86_400 + 57_599.999, '*Jan  1 23:59:59.999: '],
    [-3_600, '*Nov 25 07:00:00.000: '],
  ])('stamps second %d of the lab clock as %s', (seconds, stamp) => {
    expect(syslogTimestamp(seconds)).toBe(stamp);
  });

  it('has the shape of the real stamps, day padded with a space', () => {
    const shape = /^\*[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}\.\d{3}: $/;
    for (const real of ['*Sep 21 07:02:15.210: ', '*May  2 16:05:42.447: ']) expect(real).toMatch(shape);
    for (const seconds of [0, 6 * 86_400, 1e6]) expect(syslogTimestamp(seconds)).toMatch(shape);
  });

  it('reads back through our syslog parser to the date and time of day, unsynchronised', () => {
    const event = parseSyslogLine(
      `${syslogTimestamp(6 * 86_400 + 3_725.25)}%SYS-5-CONFIG_I: Configured from console`,
    );
    expect(event).toMatchObject({
      unsynced: true,
      month: 12,
      day: 1,
      timeOfDaySeconds: 9 * 3_600 + 2 * 60 + 5.25,
      facility: 'SYS',
      severity: 5,
      mnemonic: 'CONFIG_I',
    });
  });
});
