// One received syslog message: its envelope, the Cisco line inside read by the project's syslog line parser, and
// who sent it.

import type { SyslogEvent } from '../../model/records/syslog.js';
import { parseSyslogLine } from '../../parsers/syslog.js';
import { readSyslogEnvelope, type SyslogFormat } from './envelope.js';

export interface SyslogSource {
  transport: 'udp' | 'tcp';
  address: string;
  port: number;
}

export interface ReceivedSyslogMessage {
  source: SyslogSource;
  /** Milliseconds since the epoch. */
  receivedAt: number;
  format: SyslogFormat;
  priority: number | null;
  /** The sending device: the name in the message (IOS `logging origin-id`, the header's HOSTNAME), else by address. */
  device: string;
  /** The message as received, without framing. */
  raw: string;
  /** The Cisco part; its `detail` says what a DMVPN-relevant message means. Null for a line that is no IOS message. */
  event: SyslogEvent | null;
}

/** Names the device behind a source address when the message names none (a router without `logging origin-id`). */
export type DeviceByAddress = (address: string) => string | undefined;

/** The message of one datagram or frame; undefined when it is not syslog at all (counted as malformed). */
export function decodeSyslogMessage(
  raw: string,
  source: SyslogSource,
  receivedAt: number,
  deviceByAddress: DeviceByAddress = () => undefined,
): ReceivedSyslogMessage | undefined {
  const envelope = readSyslogEnvelope(raw);
  if (!envelope) return undefined;
  const event = parseSyslogLine(envelope.message) ?? null;
  if (envelope.format === 'cisco' && envelope.priority === null && event?.facility == null) return undefined;
  if (event && event.priority === null) event.priority = envelope.priority;
  const device = event?.hostname ?? envelope.hostname ?? deviceByAddress(source.address) ?? source.address;
  return {
    source,
    receivedAt,
    format: envelope.format,
    priority: envelope.priority,
    device,
    raw: raw.replace(/[\r\n\0]+$/, ''),
    event,
  };
}
