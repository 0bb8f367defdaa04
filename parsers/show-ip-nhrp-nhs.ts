// Parses `show ip nhrp nhs [<interface>] [detail]` (and `show ipv6 nhrp nhs ...`): the spoke's next-hop servers.

import type { ParseOptions } from '../model/parse.js';
import type { NhrpPendingRegistration, NhsEntry } from '../model/records/nhrp-server.js';
import { isAddress } from './common/address.js';
import { parseDuration } from './common/duration.js';
import { fullInterfaceName, interfaceFromArgs } from './common/interface-name.js';
import { LineCursor } from './common/line-cursor.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { StrayLines } from './common/stray-lines.js';
import { isTerminalNoise } from './common/terminal-noise.js';
import { indentOf, isDigit } from './common/text.js';

export type NhsRecord = NhsEntry | NhrpPendingRegistration;

/** `Tunnel0:` (IOS 12.4 prints the first NHS on the same line: `Tunnel0: 10.0.0.1  RE ...`). */
const INTERFACE_HEADER = /^([A-Za-z][\w./-]*\d):(?:\s+(.*))?$/;
const FLAGS = /^[ERWD]+$/;
/** A legend spread over several lines: `  E=Expecting replies`. */
const LEGEND_ITEM = /^[A-Z]=[A-Z]/;

function newEntry(line: number, iface: string | null, nhs: string): NhsEntry {
  return {
    kind: 'nhrp_nhs',
    line,
    interface: iface,
    nhs,
    nbma: null,
    flags: '',
    up: false,
    expecting: false,
    waiting: false,
    dynamic: false,
    priority: null,
    cluster: null,
    reqSent: null,
    reqFailed: null,
    replRecv: null,
    lastReplySecondsAgo: null,
    currentRequestId: null,
    ackedRequestId: null,
    protectionSocketRequested: null,
  };
}

function setFlags(entry: NhsEntry, flags: string): void {
  entry.flags = flags;
  entry.up = flags.includes('R');
  entry.expecting = flags.includes('E');
  entry.waiting = flags.includes('W');
  entry.dynamic = flags.includes('D');
}

function readCount(cursor: LineCursor, label: string, unknown: string[]): number | null {
  const count = cursor.count();
  if (count !== undefined) return count;
  unknown.push(label);
  return null;
}

/**
 * Fills `entry` from what follows the address in `10.0.0.1  RE  NBMA Address: 192.0.2.1 priority = 0 cluster = 0
 * req-sent 12  req-failed 0  repl-recv 12 (00:00:05 ago)`; returns the parts it did not understand.
 */
function readNhsFields(entry: NhsEntry, cursor: LineCursor): string[] {
  const unknown: string[] = [];
  const afterAddress = cursor.at;
  const flags = cursor.word();
  if (FLAGS.test(flags)) setFlags(entry, flags);
  else cursor.at = afterAddress;
  while (!cursor.done) {
    if (cursor.take('NBMA Address:')) {
      const nbma = cursor.word();
      if (nbma === '') unknown.push('NBMA Address:');
      else entry.nbma = nbma;
    } else if (cursor.take('priority =')) entry.priority = readCount(cursor, 'priority =', unknown);
    else if (cursor.take('cluster =')) entry.cluster = readCount(cursor, 'cluster =', unknown);
    else if (cursor.take('req-sent')) entry.reqSent = readCount(cursor, 'req-sent', unknown);
    else if (cursor.take('req-failed')) entry.reqFailed = readCount(cursor, 'req-failed', unknown);
    else if (cursor.take('repl-recv')) entry.replRecv = readCount(cursor, 'repl-recv', unknown);
    else if (cursor.take('(never)')) entry.lastReplySecondsAgo = null;
    else if (cursor.take('(')) {
      const age = cursor.textUntil('ago)');
      const seconds = age === undefined ? undefined : parseDuration(age);
      if (typeof seconds === 'number') entry.lastReplySecondsAgo = seconds;
      else unknown.push(`(${age ?? cursor.word()}`);
    } else unknown.push(cursor.word());
  }
  return unknown;
}

/** What follows `Registration Request:` in `Registration Request: Reqid 57, Ret 64  NHS 172.16.0.1 expired (Tu0)`. */
function readPendingRequest(cursor: LineCursor, line: number): NhrpPendingRegistration | undefined {
  const requestId = cursor.take('Reqid') ? cursor.count() : undefined;
  if (requestId === undefined) return undefined;
  cursor.take(',');
  const retransmit = cursor.take('Ret') ? cursor.count() : undefined;
  const nhs = cursor.take('NHS') ? cursor.word() : '';
  const trailing: string[] = [];
  while (!cursor.done) trailing.push(cursor.word());
  const last = trailing[trailing.length - 1];
  const named = last !== undefined && last.startsWith('(') && last.endsWith(')');
  if (named) trailing.pop();
  return {
    kind: 'nhrp_pending_registration',
    line,
    requestId,
    retransmitSeconds: retransmit ?? null,
    nhs: nhs === '' ? null : nhs,
    state: trailing.length > 0 ? trailing.join(' ') : null,
    interface: named ? fullInterfaceName(last.slice(1, -1)) : null,
  };
}

/** Walks the output once; detail lines attach to the NHS line above them. */
class NhsReader {
  private header: string | null = null;
  private readonly commandInterface: string | null;
  private lastEntry: NhsEntry | undefined;
  private readonly pending: NhrpPendingRegistration[] = [];
  /** Detail lines whose NHS line was filtered out. */
  private readonly orphanDetails = new StrayLines();

  constructor(
    private readonly out: ParseOutput<NhsRecord>,
    options: ParseOptions,
  ) {
    this.commandInterface = interfaceFromArgs(options.args);
  }

  read(): void {
    const lines = this.out.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const start = indentOf(line);
      if (start === line.length) continue;
      const first = line.charCodeAt(start);
      const cursor = new LineCursor(line, start);
      if (isDigit(first)) this.readNhs(cursor, i);
      else if (cursor.take('Current Request ID:')) this.readCurrentRequest(cursor, i);
      else if (cursor.take('Protection Socket Requested:')) this.readProtectionSocket(cursor, i);
      else if (cursor.take('Registration Request:')) this.readPendingRequest(cursor, i);
      else this.readLine(line.slice(start).trimEnd(), i);
    }
    this.out.records.push(...this.pending);
    this.orphanDetails.warnOnce(
      this.out,
      (count) => `${count} detail line(s) with no NHS line above them (filtered out?): their NHS is unknown`,
    );
  }

  private readLine(text: string, i: number): void {
    if (
      text.startsWith('Legend:') ||
      text.startsWith('Pending Registration Requests') ||
      LEGEND_ITEM.test(text) ||
      isTerminalNoise(text)
    ) {
      this.out.recognized++;
      return;
    }
    const header = INTERFACE_HEADER.exec(text);
    if (header) {
      this.header = header[1]!;
      this.lastEntry = undefined;
      this.out.recognized++;
      if (header[2]) this.readNhs(new LineCursor(header[2]), i);
      return;
    }
    this.readNhs(new LineCursor(text), i);
  }

  private readPendingRequest(cursor: LineCursor, i: number): void {
    const request = readPendingRequest(cursor, i + 1);
    if (!request) return this.out.warn(i, 'a pending registration request line of an unknown form');
    this.pending.push(request);
    this.out.recognized++;
  }

  /** An NHS line, or (an IPv6 NHS may start with a letter) whatever line nothing else claimed. */
  private readNhs(cursor: LineCursor, i: number): void {
    const address = cursor.word();
    if (!isAddress(address))
      return this.out.warn(i, 'not an NHS line, interface header, legend or detail line');
    const entry = newEntry(i + 1, this.header ?? this.commandInterface, address);
    const unknown = readNhsFields(entry, cursor);
    this.out.records.push(entry);
    this.out.recognized++;
    this.lastEntry = entry;
    if (unknown.length > 0) this.out.warn(i, `not understood in the NHS line: ${unknown.join(' ')}`);
  }

  /** What follows `Current Request ID:` in `Current Request ID: 35914 (Ack: 35914)`. */
  private readCurrentRequest(cursor: LineCursor, i: number): void {
    const current = cursor.count();
    const acked = cursor.take('(Ack:') ? cursor.count() : undefined;
    if (current === undefined || (acked !== undefined && !cursor.take(')')) || !cursor.done) {
      return this.out.warn(i, 'a Current Request ID line of an unknown form');
    }
    if (!this.lastEntry) return this.orphan(i);
    this.lastEntry.currentRequestId = current;
    this.lastEntry.ackedRequestId = acked ?? null;
    this.out.recognized++;
  }

  private readProtectionSocket(cursor: LineCursor, i: number): void {
    const requested = cursor.word().toUpperCase();
    if ((requested !== 'TRUE' && requested !== 'FALSE') || !cursor.done) {
      return this.out.warn(i, 'a Protection Socket Requested line of an unknown form');
    }
    if (!this.lastEntry) return this.orphan(i);
    this.lastEntry.protectionSocketRequested = requested === 'TRUE';
    this.out.recognized++;
  }

  private orphan(i: number): void {
    this.orphanDetails.add(i);
    this.out.recognized++;
  }
}

const NHS_LINE = /^[ \t]*[\d.A-Fa-f:]+[ \t]+[ERWD]*[ \t]*(?:NBMA Address:|priority = \d)/m;

export const showIpNhrpNhs = defineParser<NhsRecord>({
  command: 'show ip nhrp nhs',
  syntax: [
    'show ip nhrp nhs',
    'show ip nhrp nhs detail',
    'show ip nhrp nhs <interface>',
    'show ip nhrp nhs <interface> detail',
    'show ip nhrp nhs <interface> <number>',
    'show ip nhrp nhs <interface> <number> detail',
    'show ipv6 nhrp nhs',
    'show ipv6 nhrp nhs detail',
    'show ipv6 nhrp nhs <interface>',
    'show ipv6 nhrp nhs <interface> detail',
    'show ipv6 nhrp nhs <interface> <number>',
    'show ipv6 nhrp nhs <interface> <number> detail',
  ],
  // `show dmvpn detail` prints the same NHS lines under an `IPv4 NHS:` label; that output is not ours.
  detect: (text) => text.includes('E=Expecting replies') || (!text.includes('NHS:') && NHS_LINE.test(text)),
  parse(out, options) {
    new NhsReader(out, options).read();
  },
});
