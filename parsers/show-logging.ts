// Parses `show logging`: the logging status header, then every buffered message as a syslog event.

import type { LoggingHost, LoggingStatus, SyslogEvent } from '../model/records/syslog.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { words } from './common/lines.js';
import { parseSyslogLine } from './syslog.js';

type LoggingRecord = LoggingStatus | SyslogEvent;

const SYSLOG_LOGGING =
  /^Syslog logging: (enabled|disabled)(?:.*?(\d+) messages dropped)?(?:.*?(\d+) messages rate-limited)?/;
const DESTINATION = /^(\w+) logging: +(?:level (\w+)(?:, (\d+) message(?: line)?s logged)?|disabled)/i;
const BUFFER = /^Log Buffer \((\d+) bytes\):/;
const HOST_COUNTER = /^(\d+) message lines (logged|rate-limited|dropped-by-MD)/;
const TRANSPORT = /\((udp|tcp|tls) port (\d+)/;

/** Header lines that say something this record does not keep (discriminators, xml, filters, ESM). */
const HEADER_NOTES = [
  'No Active Message Discriminator',
  'No Inactive Message Discriminator',
  'Active Message Discriminator',
  'Inactive Message Discriminator',
  'No active filter modules',
  'ESM:',
  'Exception Logging:',
  'Logging Exception size',
  'Count and timestamp logging messages:',
  'filtering disabled',
  'filtering enabled',
  'xml disabled',
  'xml enabled',
  'TLS Profiles:',
  'Log Buffer',
];

class LoggingWalker {
  private status: LoggingStatus | undefined;
  private host: LoggingHost | undefined;
  private inBuffer = false;
  private expectSourceInterface = false;
  private lastEvent: SyslogEvent | undefined;

  constructor(private readonly out: ParseOutput<LoggingRecord>) {}

  line(index: number, line: string): void {
    if (this.inBuffer) return this.bufferLine(index, line);
    const text = line.trim();
    if (text === '') return;
    if (this.headerLine(index, text)) {
      this.out.recognized++;
      return;
    }
    const event = parseSyslogLine(line, index + 1);
    if (event) {
      // A buffer without its header (`| include`, or pasted alone).
      this.inBuffer = true;
      this.pushEvent(event);
      return;
    }
    this.out.warn(index, 'not a line of the logging status nor a log message');
  }

  private statusAt(index: number): LoggingStatus {
    if (!this.status) {
      this.status = {
        kind: 'logging_status',
        line: index + 1,
        enabled: true,
        messagesDropped: null,
        messagesRateLimited: null,
        levels: {},
        messagesLogged: {},
        syslogHosts: [],
        sourceInterface: null,
        bufferBytes: null,
        bufferWrapFragment: null,
      };
      this.out.records.push(this.status);
    }
    return this.status;
  }

  private headerLine(index: number, text: string): boolean {
    const syslog = SYSLOG_LOGGING.exec(text);
    if (syslog) {
      const status = this.statusAt(index);
      status.enabled = syslog[1] === 'enabled';
      if (syslog[2] !== undefined) status.messagesDropped = Number(syslog[2]);
      if (syslog[3] !== undefined) status.messagesRateLimited = Number(syslog[3]);
      return true;
    }
    const buffer = BUFFER.exec(text);
    if (buffer) {
      this.statusAt(index).bufferBytes = Number(buffer[1]);
      this.inBuffer = true;
      return true;
    }
    const destination = DESTINATION.exec(text);
    if (destination) {
      const status = this.statusAt(index);
      const name = destination[1]!.toLowerCase();
      status.levels[name] = destination[2] ?? null;
      if (destination[3] !== undefined) status.messagesLogged[name] = Number(destination[3]);
      return true;
    }
    if (text.startsWith('Logging to ')) {
      const transport = TRANSPORT.exec(text);
      this.host = {
        address: words(text)[2]!,
        transport: transport ? `${transport[1]} port ${transport[2]}` : null,
        linkUp: null,
        messagesLogged: null,
      };
      this.statusAt(index).syslogHosts.push(this.host);
      return true;
    }
    return this.hostLine(text) || this.sourceInterfaceLine(index, text) || this.noteLine(text);
  }

  /** The indented lines under `Logging to X (...`: link state and counters of that host. */
  private hostLine(text: string): boolean {
    if (!this.host) return false;
    if (text === 'link up),' || text === 'link down),') {
      this.host.linkUp = text === 'link up),';
      return true;
    }
    const counter = HOST_COUNTER.exec(text);
    if (counter) {
      if (counter[2] === 'logged') this.host.messagesLogged = Number(counter[1]);
      return true;
    }
    return text.startsWith('xml ') || text.startsWith('filtering ');
  }

  /** `Logging Source-Interface:  VRF Name:` is a table header; the row under it names the interface. */
  private sourceInterfaceLine(index: number, text: string): boolean {
    if (text.startsWith('Logging Source-Interface:')) {
      this.expectSourceInterface = true;
      return true;
    }
    if (!this.expectSourceInterface || text === '' || text.includes(':')) return false;
    this.statusAt(index).sourceInterface = words(text)[0]!;
    return true;
  }

  private noteLine(text: string): boolean {
    return HEADER_NOTES.some((note) => text.startsWith(note));
  }

  private bufferLine(index: number, line: string): void {
    if (line.trim() === '') return;
    const event = parseSyslogLine(line, index + 1);
    if (event) {
      this.pushEvent(event);
      return;
    }
    this.out.recognized++;
    if (this.lastEvent) {
      // The first continuation replaces the shared empty array with the event's own; later ones append to it in
      // place (copying it for every line made long buffers quadratic).
      if (this.lastEvent.continuation.length === 0) this.lastEvent.continuation = [line];
      else (this.lastEvent.continuation as string[]).push(line);
      return;
    }
    this.wrappedFirstLine(index, line);
  }

  /**
   * The buffer is circular: its first line may be the tail of an overwritten message. When the tail still holds
   * the message code (`7:04: %LINEPROTO-5-UPDOWN: ...`) the message is kept without its lost timestamp.
   */
  private wrappedFirstLine(index: number, line: string): void {
    const code = line.indexOf('%');
    const event = code >= 0 ? parseSyslogLine(line.slice(code), index + 1) : undefined;
    if (event && event.facility !== null) {
      event.truncated = true;
      this.pushEvent(event);
      return;
    }
    this.statusAt(index).bufferWrapFragment = line;
  }

  private pushEvent(event: SyslogEvent): void {
    this.out.recognized++;
    this.out.records.push(event);
    this.lastEvent = event;
  }
}

export const showLogging = defineParser<LoggingRecord>({
  command: 'show logging',
  syntax: ['show logging'],
  detect: (text) => /^\s*Syslog logging: (?:enabled|disabled)/.test(text),
  parse(out) {
    const walker = new LoggingWalker(out);
    const lines = out.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length === 0) continue;
      walker.line(i, line);
    }
  },
});
