// Parses one IOS / IOS-XE log line (syslog packet, `show logging` line, console) into a typed event.

import type { SyslogEvent } from '../model/records/syslog.js';
import { parseDuration } from './common/duration.js';
import { intern } from './common/intern.js';
import { isDigit, isLetter } from './common/text.js';
import { syslogDetail } from './syslog-detail.js';

// What a message means to DMVPN is read by syslog-detail; it is also offered here, beside the line parser.
export { syslogDetail };

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Month number by the three character codes of its name packed in one integer: no string to build per line. */
const MONTHS = new Map(MONTH_NAMES.map((name, index) => [monthKey(name, 0), index + 1]));

function monthKey(text: string, at: number): number {
  return (text.charCodeAt(at) << 16) | (text.charCodeAt(at + 1) << 8) | text.charCodeAt(at + 2);
}

const PRIORITY = /<(\d{1,3})>/y;
const SEQUENCE = /(\d+): +/y;
/** `hub1: ` before the timestamp (`logging origin-id hostname`), only when a timestamp or a message code follows. */
const ORIGIN_HOST = /([A-Za-z][\w.-]*): +(?=[*.]?(?:[A-Z][a-z]{2} |\d)|%)/y;
const UPTIME = /(?:(\d+):(\d{2}):(\d{2})(?:\.\d{1,6})?|((?:\d+[ywdhms])+))(?=:)/y;
const HOST_BEFORE_CODE = /([\w.-]+) +(?=%)/y;

/** The time part of a log line, as `scanTimestamp` reads it. */
export interface LogTimestamp {
  /** As printed, without the clock marker. */
  text: string;
  unsynced: boolean;
  month: number | null;
  day: number | null;
  year: number | null;
  timeOfDaySeconds: number | null;
  timezone: string | null;
  uptimeSeconds: number | null;
  /** Index just after the timestamp (and its closing `:` when there is one). */
  end: number;
}

/** Reads an IOS timestamp (`*Sep 21 07:02:15.210:`, `May 14 03:13:19.422 UTC:`, `00:55:50:`, `1d02h:`) at `start`. */
export function scanTimestamp(line: string, start: number): LogTimestamp | undefined {
  let position = start;
  const marker = line.charCodeAt(position);
  const unsynced = marker === 42 /* * */ || marker === 46; /* . */
  if (unsynced) position++;
  const first = line.charCodeAt(position);
  if (first >= 65 && first <= 90) return scanDatetime(line, position, unsynced);
  if (isDigit(first)) return scanUptime(line, position, unsynced);
  return undefined;
}

/** Index of the first non-digit at or after `position`. */
function digitsEnd(line: string, position: number): number {
  for (let code = line.charCodeAt(position); code >= 48 && code <= 57; code = line.charCodeAt(++position));
  return position;
}

function numberAt(line: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + line.charCodeAt(i) - 48;
  return value;
}

/**
 * `Mmm d[d] [yyyy] hh:mm:ss[.fff][ TZ]`, read by hand: it is on every line of a log, and a regex with nine groups
 * costs more than the rest of the line.
 */
function scanDatetime(line: string, start: number, unsynced: boolean): LogTimestamp | undefined {
  const month = MONTHS.get(monthKey(line, start));
  if (month === undefined || line.charCodeAt(start + 3) !== 32) return undefined;
  let position = start + 4;
  while (line.charCodeAt(position) === 32) position++;
  let end = digitsEnd(line, position);
  if (end === position || end - position > 2 || line.charCodeAt(end) !== 32) return undefined;
  const day = numberAt(line, position, end);
  position = end + 1;
  end = digitsEnd(line, position);
  let year: number | null = null;
  if (end - position === 4 && line.charCodeAt(end) === 32) {
    year = numberAt(line, position, end);
    position = end + 1;
    end = digitsEnd(line, position);
  }
  if (end === position || end - position > 2 || line.charCodeAt(end) !== 58) return undefined;
  const hours = numberAt(line, position, end);
  const minutesEnd = digitsEnd(line, end + 1);
  if (minutesEnd !== end + 3 || line.charCodeAt(minutesEnd) !== 58) return undefined;
  const secondsEnd = digitsEnd(line, minutesEnd + 1);
  if (secondsEnd !== minutesEnd + 3) return undefined;
  let timeOfDay =
    hours * 3600 + numberAt(line, end + 1, minutesEnd) * 60 + numberAt(line, minutesEnd + 1, secondsEnd);
  position = secondsEnd;
  if (line.charCodeAt(position) === 46 /* . */) {
    const fractionEnd = digitsEnd(line, position + 1);
    if (fractionEnd > position + 1) {
      const fraction = numberAt(line, position + 1, fractionEnd) / 10 ** (fractionEnd - position - 1);
      timeOfDay = Math.round((timeOfDay + fraction) * 1000) / 1000;
      position = fractionEnd;
    }
  }
  let timezone: string | null = null;
  if (line.charCodeAt(position) === 32 && isLetter(line.charCodeAt(position + 1))) {
    let zoneEnd = position + 2;
    while (isZoneChar(line.charCodeAt(zoneEnd))) zoneEnd++;
    if (line.charCodeAt(zoneEnd) === 58 /* : */ || zoneEnd === line.length) {
      timezone = intern(line.slice(position + 1, zoneEnd));
      position = zoneEnd;
    }
  }
  return {
    text: line.slice(start, position),
    unsynced,
    month,
    day,
    year,
    timeOfDaySeconds: timeOfDay,
    timezone,
    uptimeSeconds: null,
    end: skipColon(line, position),
  };
}

// The character classes below run once per character: they compare codes in place rather than call isLetter.

function isZoneChar(code: number): boolean {
  return isWordChar(code) || code === 43 /* + */ || code === 45; /* - */
}

function scanUptime(line: string, position: number, unsynced: boolean): LogTimestamp | undefined {
  UPTIME.lastIndex = position;
  const match = UPTIME.exec(line);
  if (!match) return undefined;
  const seconds = match[4]
    ? parseDuration(match[4])!
    : Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  return {
    text: match[0],
    unsynced,
    month: null,
    day: null,
    year: null,
    timeOfDaySeconds: null,
    timezone: null,
    uptimeSeconds: seconds,
    end: skipColon(line, UPTIME.lastIndex),
  };
}

function skipColon(line: string, position: number): number {
  if (line.charCodeAt(position) === 58 /* : */) position++;
  while (line.charCodeAt(position) === 32) position++;
  return position;
}

/**
 * The event in one log line, or undefined when the line is no log message (a continuation line, a banner, any
 * other text). A line needs a timestamp or a `%FACILITY-SEVERITY-MNEMONIC:` code to be a message; lines with a
 * timestamp but no code are debug output and become events without a facility.
 */
export function parseSyslogLine(line: string, lineNumber = 1): SyslogEvent | undefined {
  return parseCommonForm(line, lineNumber) ?? parseAnyForm(line, lineNumber);
}

/**
 * `[seq: ][*]Mmm dd [yyyy ]hh:mm:ss[.fff][ TZ]: %FAC-S-MNEMONIC: text`, the form of nearly every line of a log,
 * read with one regex: the regex engine walks the line faster than a scan by hand. Other forms go to `parseAnyForm`.
 */
const COMMON_FORM =
  /^(?:(\d+): +)?([*.]?)([A-Z][a-z]{2} +\d{1,2} (?:\d{4} )?\d{1,2}:\d{2}:\d{2}(?:\.\d{1,6})?(?: [A-Za-z][\w+-]*)?): +%([A-Za-z]\w*(?:-[A-Za-z]\w*)*?)-([0-7])-(\w+) *:(.*)$/;

function parseCommonForm(line: string, lineNumber: number): SyslogEvent | undefined {
  const match = COMMON_FORM.exec(line);
  if (!match) return undefined;
  const [, sequence, marker, text, facilityName, severity, mnemonicName, rest] = match;
  // The regex found where the timestamp is; its fields are read from that short text.
  const time = scanDatetime(text!, 0, marker !== '');
  if (!time) return undefined;
  const facility = intern(facilityName!);
  const mnemonic = intern(mnemonicName!);
  const message = rest!.trim();
  return {
    kind: 'syslog_event',
    line: lineNumber,
    timestamp: text!,
    unsynced: time.unsynced,
    month: time.month,
    day: time.day,
    year: time.year,
    timeOfDaySeconds: time.timeOfDaySeconds,
    timezone: time.timezone,
    uptimeSeconds: null,
    sequence: sequence === undefined ? null : Number(sequence),
    priority: null,
    hostname: null,
    facility,
    severity: Number(severity),
    mnemonic,
    message,
    continuation: NO_CONTINUATION,
    truncated: false,
    detail: syslogDetail(facility, mnemonic, message),
  };
}

function parseAnyForm(line: string, lineNumber: number): SyslogEvent | undefined {
  let position = 0;
  while (line.charCodeAt(position) === 32) position++;
  let priority: number | null = null;
  if (line.charCodeAt(position) === 60 /* < */) {
    PRIORITY.lastIndex = position;
    const match = PRIORITY.exec(line);
    if (!match) return undefined;
    priority = Number(match[1]);
    position = PRIORITY.lastIndex;
  }
  let sequence: number | null = null;
  if (isDigit(line.charCodeAt(position))) {
    SEQUENCE.lastIndex = position;
    const match = SEQUENCE.exec(line);
    if (match) {
      sequence = Number(match[1]);
      position = SEQUENCE.lastIndex;
    }
  }
  let hostname: string | null = null;
  if (mayBeOriginHost(line, position)) {
    ORIGIN_HOST.lastIndex = position;
    const origin = ORIGIN_HOST.exec(line);
    if (origin && !(origin[1]!.length === 3 && MONTHS.has(monthKey(origin[1]!, 0)))) {
      hostname = origin[1]!;
      position = ORIGIN_HOST.lastIndex;
    }
  }
  const time = scanTimestamp(line, position);
  if (time) position = time.end;
  if (line.charCodeAt(position) !== 37 /* % */) {
    HOST_BEFORE_CODE.lastIndex = position;
    const host = HOST_BEFORE_CODE.exec(line);
    if (host) {
      hostname = host[1]!;
      position = HOST_BEFORE_CODE.lastIndex;
    }
  }
  const event = newEvent(lineNumber, time, sequence, priority, hostname);
  if (line.charCodeAt(position) === 37 /* % */ && readCode(line, position, event)) return event;
  if (!time) return undefined;
  event.message = line.slice(position).trim();
  return event;
}

/** A word followed directly by `: ` (`hub1: `), and not a month followed by a space. */
function mayBeOriginHost(line: string, position: number): boolean {
  if (!isLetter(line.charCodeAt(position))) return false;
  let end = position + 1;
  while (isWordChar(line.charCodeAt(end)) || line.charCodeAt(end) === 46 || line.charCodeAt(end) === 45)
    end++;
  return line.charCodeAt(end) === 58; /* : */
}

function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 /* _ */
  );
}

/**
 * Reads `%FACILITY-SEVERITY-MNEMONIC:` at `start` into the event, and the message and its detail after it; false
 * when the text there is no message code. The facility may itself hold dashes (`%PKT_INFRA-LINK-3-UPDOWN`): it
 * ends at the first `-<0-7>-`.
 */
function readCode(line: string, start: number, event: SyslogEvent): boolean {
  let position = start + 1;
  if (!isLetter(line.charCodeAt(position))) return false;
  for (;;) {
    const code = line.charCodeAt(position);
    if (code === 45 /* - */) {
      const severity = line.charCodeAt(position + 1);
      if (severity >= 48 && severity <= 55 && line.charCodeAt(position + 2) === 45) break;
    } else if (!isWordChar(code)) {
      return false;
    }
    position++;
  }
  const mnemonicStart = position + 3;
  let mnemonicEnd = mnemonicStart;
  while (isWordChar(line.charCodeAt(mnemonicEnd))) mnemonicEnd++;
  let colon = mnemonicEnd;
  while (line.charCodeAt(colon) === 32) colon++;
  if (mnemonicEnd === mnemonicStart || line.charCodeAt(colon) !== 58 /* : */) return false;
  event.facility = intern(line.slice(start + 1, position));
  event.severity = line.charCodeAt(position + 1) - 48;
  event.mnemonic = intern(line.slice(mnemonicStart, mnemonicEnd));
  event.message = line.slice(colon + 1).trim();
  event.detail = syslogDetail(event.facility, event.mnemonic, event.message);
  return true;
}

/** Shared by every single-line event; `show logging` gives an event its own array when a continuation comes. */
const NO_CONTINUATION: readonly string[] = Object.freeze([]);

function newEvent(
  lineNumber: number,
  time: LogTimestamp | undefined,
  sequence: number | null,
  priority: number | null,
  hostname: string | null,
): SyslogEvent {
  return {
    kind: 'syslog_event',
    line: lineNumber,
    timestamp: time ? time.text : null,
    unsynced: time ? time.unsynced : false,
    month: time ? time.month : null,
    day: time ? time.day : null,
    year: time ? time.year : null,
    timeOfDaySeconds: time ? time.timeOfDaySeconds : null,
    timezone: time ? time.timezone : null,
    uptimeSeconds: time ? time.uptimeSeconds : null,
    sequence,
    priority,
    hostname,
    facility: null,
    severity: null,
    mnemonic: null,
    message: '',
    continuation: NO_CONTINUATION,
    truncated: false,
    detail: null,
  };
}
