// One log message as an IOS router's syslog client puts it on the wire, configured with `logging facility local7`
// (the default), `service sequence-numbers`, `service timestamps log datetime msec` and `logging origin-id hostname`:
//
//   <189>45: hub1: *Nov 25 08:00:12.345: %DMVPN-5-NHRP_NHS_UP: Tunnel0: ...
//
// `<pri>sequence: origin: timestamp: %message` is the layout syslog-ng's Cisco parser documents with its captured
// sample `<189>29: foo: *Apr 29 13:58:40.411: %SYS-5-CONFIG_I: ...` (scl/cisco/plugin.conf). The origin field is what
// tells the routers apart here: they all send from the same address.

import type { LabLogMessage } from '../live/types.js';

/** local7, IOS's default `logging facility`. */
export const LOCAL7 = 23;

/** Severity of debug output and other lines without a `%FAC-SEV-MNEMONIC` code. */
const UNCODED_SEVERITY = 7;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The severity digit of the message code; a facility may itself hold dashes (`%CRYPTO-IKEV2-5-...`). */
const SEVERITY = /^%[A-Z0-9_]+(?:-[A-Z0-9_]+)*?-([0-7])-[A-Z0-9_]+:/;

/** The syslog severity (0-7) of a message text. */
export function messageSeverity(text: string): number {
  const code = SEVERITY.exec(text);
  return code ? Number(code[1]) : UNCODED_SEVERITY;
}

/** PRI of a message: facility * 8 + severity. */
export function syslogPriority(text: string, facility = LOCAL7): number {
  return facility * 8 + messageSeverity(text);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * `*Nov 25 08:00:12.345` for a UTC wall-clock time: `*` because a lab router's clock is not NTP-synchronised, the
 * day space-padded as IOS prints it (`*May  2 16:05:42.447`).
 */
export function iosDatetimeMsec(wallMs: number): string {
  const date = new Date(wallMs);
  const day = date.getUTCDate();
  return (
    `*${MONTHS[date.getUTCMonth()]} ${day < 10 ? ` ${day}` : day} ` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `.${pad(date.getUTCMilliseconds(), 3)}`
  );
}

/** The syslog line of a message, without framing. */
export function formatSyslogLine(message: LabLogMessage, facility = LOCAL7): string {
  const priority = syslogPriority(message.text, facility);
  return `<${priority}>${message.sequence}: ${message.hostname}: ${iosDatetimeMsec(message.wallMs)}: ${message.text}`;
}
