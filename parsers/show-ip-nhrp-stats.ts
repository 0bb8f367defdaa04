// Parses IOS-XE `show ip nhrp stats [<interface>] [detail]` and `show nhrp stats ...`: NHRP event counters.

import type { ParseOptions } from '../model/parse.js';
import type { NhrpStats } from '../model/records/nhrp-server.js';
import { fullInterfaceName, interfaceFromArgs } from './common/interface-name.js';
import { LineCursor } from './common/line-cursor.js';
import { words } from './common/lines.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { StrayLines } from './common/stray-lines.js';
import { isTerminalNoise } from './common/terminal-noise.js';
import { indentOf, snakeCase } from './common/text.js';

/** `Tunnel100` alone on its line (printed only when the command named no interface). */
const INTERFACE_HEADER = /^([A-Za-z][\w./-]*\d):?$/;
/** ` Tunnel Protection Stats:` -> `Tunnel Protection`. */
const SECTION_HEADER = /^([A-Za-z][\w /-]*?)(?: Stats)?:$/;

interface EventCount {
  direction: 'sent' | 'rcvd';
  name: string;
  count: number;
  errors: number;
}

/** `[R]Down                       : 19[0]` at the cursor, or undefined (the cursor is then left anywhere). */
function readEvent(cursor: LineCursor): EventCount | undefined {
  if (!cursor.take('[')) return undefined;
  const letter = cursor.text[cursor.at];
  if ((letter !== 'S' && letter !== 'R') || cursor.text[cursor.at + 1] !== ']') return undefined;
  cursor.at += 2;
  const name = cursor.textUntil(':');
  const count = cursor.count();
  if (name === undefined || count === undefined || !cursor.take('[')) return undefined;
  const errors = cursor.count();
  if (errors === undefined || !cursor.take(']')) return undefined;
  return { direction: letter === 'S' ? 'sent' : 'rcvd', name, count, errors };
}

/** The interface named by an echoed command line (`show ip nhrp stats tunnel100 detail`), or null. */
function interfaceFromEcho(text: string): string | null {
  const tokens = words(text);
  const stats = tokens.findIndex(
    (token, index) => index > 0 && tokens[index - 1] === 'nhrp' && token.startsWith('st'),
  );
  if (stats < 0) return null;
  const named = tokens.slice(stats + 1).filter((token) => !'detail'.startsWith(token.toLowerCase()));
  return named.length > 0 ? fullInterfaceName(named.join('')) : null;
}

/** Walks the output once: an interface header, then sections of `[S]`/`[R]` event counters. */
class StatsReader {
  private current: NhrpStats | undefined;
  private section: string | undefined;
  private inCodes = false;
  private commandInterface: string | null;
  /** Per section, the keys already built for each event name, so each name is turned into snake_case once. */
  private readonly keysBySection = new Map<string, Map<string, Record<'sent' | 'rcvd', string>>>();
  private sectionKeys = new Map<string, Record<'sent' | 'rcvd', string>>();
  /** Counter lines whose section header was filtered out. */
  private readonly orphanEvents = new StrayLines();

  constructor(
    private readonly out: ParseOutput<NhrpStats>,
    options: ParseOptions,
  ) {
    this.commandInterface = interfaceFromArgs(options.args);
  }

  read(): void {
    const lines = this.out.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const start = indentOf(line);
      if (start === line.length) this.inCodes = false;
      else if (line.charCodeAt(start) === 91 && !this.inCodes)
        this.readEvents(new LineCursor(line, start), i);
      else this.readLine(line.slice(start).trimEnd(), i);
    }
    this.orphanEvents.warnOnce(
      this.out,
      (count) =>
        `${count} counter line(s) with no section header above them (filtered out?): their section is unknown`,
    );
  }

  private readLine(text: string, i: number): void {
    if (text.startsWith('Codes:')) {
      this.inCodes = true;
      this.out.recognized++;
      return;
    }
    // The legend goes on over a few lines: `TP - Tunnel Protection, ...`, `[S] - Sent from NHRP, ...`.
    if (this.inCodes && text.includes(' - ')) {
      this.out.recognized++;
      return;
    }
    if (isTerminalNoise(text)) {
      this.commandInterface ??= interfaceFromEcho(text);
      this.out.recognized++;
      return;
    }
    const header = INTERFACE_HEADER.exec(text);
    if (header) {
      this.start(header[1]!, i);
      return;
    }
    const section = SECTION_HEADER.exec(text);
    if (section) {
      if (!this.current) this.start(this.commandInterface, i);
      this.enterSection(snakeCase(section[1]!));
      this.out.recognized++;
      return;
    }
    this.out.warn(i, 'not an interface header, section header or event counter line');
  }

  private start(iface: string | null, i: number): void {
    this.current = { kind: 'nhrp_stats', line: i + 1, interface: iface, counters: {}, errors: {} };
    this.out.records.push(this.current);
    this.section = undefined;
    this.out.recognized++;
  }

  private enterSection(section: string): void {
    this.section = section;
    let keys = this.keysBySection.get(section);
    if (!keys) this.keysBySection.set(section, (keys = new Map()));
    this.sectionKeys = keys;
  }

  /** `[R]UP                         : 2[0]    [R]Down                       : 0[0]`. */
  private readEvents(cursor: LineCursor, i: number): void {
    const events: EventCount[] = [];
    let event: EventCount | undefined;
    let readTo = cursor.at;
    while ((event = readEvent(cursor))) {
      events.push(event);
      readTo = cursor.at;
    }
    cursor.at = readTo;
    if (events.length === 0) return this.out.warn(i, 'not an event counter line');
    this.out.recognized++;
    if (!cursor.done)
      this.out.warn(i, `not understood after the counters: ${cursor.text.slice(cursor.at).trim()}`);
    if (!this.current || this.section === undefined) {
      this.orphanEvents.add(i);
      return;
    }
    for (const { direction, name, count, errors } of events) {
      const key = this.key(name)[direction];
      this.current.counters[key] = count;
      this.current.errors[key] = errors;
    }
  }

  private key(name: string): Record<'sent' | 'rcvd', string> {
    let keys = this.sectionKeys.get(name);
    if (!keys) {
      const base = `${this.section}_${snakeCase(name)}`;
      this.sectionKeys.set(name, (keys = { sent: `${base}_sent`, rcvd: `${base}_rcvd` }));
    }
    return keys;
  }
}

const STATS_TEXT = /Codes: T - Transport|^[ \t]*\[[SR]\][^:\n]*:[ \t]*\d+\[\d+\]/m;

export const showIpNhrpStats = defineParser<NhrpStats>({
  command: 'show ip nhrp stats',
  syntax: [
    'show ip nhrp stats',
    'show ip nhrp stats detail',
    'show ip nhrp stats <interface>',
    'show ip nhrp stats <interface> detail',
    'show ip nhrp stats <interface> <number>',
    'show ip nhrp stats <interface> <number> detail',
    'show ipv6 nhrp stats',
    'show ipv6 nhrp stats detail',
    'show ipv6 nhrp stats <interface>',
    'show ipv6 nhrp stats <interface> detail',
    'show ipv6 nhrp stats <interface> <number>',
    'show ipv6 nhrp stats <interface> <number> detail',
    'show nhrp stats',
    'show nhrp stats detail',
    'show nhrp stats <interface>',
    'show nhrp stats <interface> detail',
    'show nhrp stats <interface> <number>',
    'show nhrp stats <interface> <number> detail',
  ],
  detect: (text) => STATS_TEXT.test(text),
  parse(out, options) {
    new StatsReader(out, options).read();
  },
});
