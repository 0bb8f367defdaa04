// Parses `show ip nhrp redirect`: the redirects (Traffic Indications) a phase 3 hub sent, as a table or as blocks.

import type { ParseOptions } from '../model/parse.js';
import type { NhrpRedirect } from '../model/records/nhrp-cache.js';
import { isAddress } from './common/address.js';
import { durationAt } from './common/duration.js';
import { isDigits } from './common/numbers.js';
import type { ParseOutput, Parser } from './common/parser.js';
import { defineParser } from './common/parser.js';
import { isTerminalNoise } from './common/terminal-noise.js';
import { endOfText, indentOf, skipBlanks } from './common/text.js';
import {
  newTypeLineMemo,
  readTypeAndFlags,
  type TypeLineMemo,
  wordsBetween,
} from './show-ip-nhrp-cache-lines.js';

const TABLE_HEADER = /^I\/F\s+NBMA address\s+Destination\s+Drop Count\s+Expiry$/;
const HOLD_TIME = /^Hold time:\s*(\d+)\s*sec$/;

/** Lines of a block, one bit each: in filtered output a kind the block already has starts the next block. */
const Part = { Type: 1, Nbma: 2, HoldTime: 4, Authentication: 8 } as const;
type Part = (typeof Part)[keyof typeof Part];

interface RedirectWalk {
  out: ParseOutput<NhrpRedirect>;
  filtered: boolean;
  block: NhrpRedirect | undefined;
  seen: number;
  typeLine: TypeLineMemo;
}

function newRedirect(index: number): NhrpRedirect {
  return {
    kind: 'nhrp_redirect',
    line: index + 1,
    interface: null,
    nbma: null,
    destination: null,
    dropCount: null,
    expiresSeconds: null,
    via: null,
    type: null,
    flags: [],
    holdSeconds: null,
    authentication: null,
  };
}

function startBlock(walk: RedirectWalk, index: number): NhrpRedirect {
  const block = newRedirect(index);
  walk.out.records.push(block);
  walk.block = block;
  walk.seen = 0;
  return block;
}

/** The block a body line belongs to: in filtered output a headless one is started when the header was cut. */
function blockFor(walk: RedirectWalk, index: number, part: Part): NhrpRedirect | undefined {
  let block = walk.block;
  if (walk.filtered && (!block || walk.seen & part)) block = startBlock(walk, index);
  if (block) walk.seen |= part;
  return block;
}

/** `Tunnel0  172.16.1.1  192.168.2.1  3  00:00:05` */
function readRow(walk: RedirectWalk, tokens: string[], index: number): string | undefined {
  const [name, nbma, destination, drops, expiry] = tokens as [string, string, string, string, string];
  const expires = durationAt(expiry, 0, expiry.length);
  if (!isAddress(nbma) || !isAddress(destination) || !isDigits(drops) || expires === undefined)
    return 'not a redirect table row (interface, NBMA, destination, drop count, expiry)';
  const row = newRedirect(index);
  row.interface = name;
  row.nbma = nbma;
  row.destination = destination;
  row.dropCount = Number(drops);
  row.expiresSeconds = expires;
  walk.out.records.push(row);
  walk.block = undefined;
  return undefined;
}

const ORPHAN = 'a redirect line with no `<prefix> via <address>` line before it';
const NBMA = 'NBMA address:';
const AUTHENTICATION = 'Authentication:';

/** The block lines whose first word names them; null when the line is none of them. */
function readLabelled(
  walk: RedirectWalk,
  line: string,
  start: number,
  end: number,
  index: number,
): string | undefined | null {
  if (line.startsWith('Type:', start)) {
    const block = blockFor(walk, index, Part.Type);
    if (!block) return ORPHAN;
    readTypeAndFlags(line, start, end, block, walk.typeLine);
    return undefined;
  }
  if (line.startsWith(NBMA, start)) {
    const block = blockFor(walk, index, Part.Nbma);
    if (!block) return ORPHAN;
    block.nbma = wordsBetween(line, start + NBMA.length, end)[0] ?? null;
    return undefined;
  }
  if (line.startsWith('Hold time:', start)) {
    const hold = HOLD_TIME.exec(line.slice(start, end));
    if (!hold) return 'not a `Hold time: <n> sec` line';
    const block = blockFor(walk, index, Part.HoldTime);
    if (!block) return ORPHAN;
    block.holdSeconds = Number(hold[1]);
    return undefined;
  }
  if (line.startsWith(AUTHENTICATION, start)) {
    const block = blockFor(walk, index, Part.Authentication);
    if (!block) return ORPHAN;
    block.authentication = line.slice(skipBlanks(line, start + AUTHENTICATION.length, end), end) || null;
    return undefined;
  }
  return null;
}

/** Reads one non-blank line; returns why it was not understood, or undefined. */
function readLine(walk: RedirectWalk, line: string, start: number, index: number): string | undefined {
  const end = endOfText(line);
  const labelled = readLabelled(walk, line, start, end, index);
  if (labelled !== null) return labelled;
  if (line.startsWith('I/F', start) && TABLE_HEADER.test(line.slice(start, end))) return undefined;
  const tokens = wordsBetween(line, start, end);
  if (tokens.length === 3 && tokens[1] === 'via' && isAddress(tokens[0]!) && isAddress(tokens[2]!)) {
    const block = startBlock(walk, index);
    block.destination = tokens[0]!;
    block.via = tokens[2]!;
    return undefined;
  }
  if (tokens.length === 5 && !isAddress(tokens[0]!)) return readRow(walk, tokens, index);
  return isTerminalNoise(line, start) ? undefined : 'not an NHRP redirect line';
}

function parseRedirects(out: ParseOutput<NhrpRedirect>, options: ParseOptions): void {
  const walk: RedirectWalk = {
    out,
    filtered: options.filtered === true,
    block: undefined,
    seen: 0,
    typeLine: newTypeLineMemo(),
  };
  const lines = out.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = indentOf(line);
    if (start === line.length) continue;
    const problem = readLine(walk, line, start, i);
    if (problem === undefined) out.recognized++;
    else out.warn(i, problem);
  }
}

const LOOKS_LIKE_REDIRECTS = /^\s*(?:I\/F\s+NBMA address\s+Destination\s+Drop Count|Hold time:\s*\d+\s*sec)/m;

export const showIpNhrpRedirect: Parser<NhrpRedirect> = defineParser({
  command: 'show ip nhrp redirect',
  syntax: ['show ip nhrp redirect'],
  detect: (text) => LOOKS_LIKE_REDIRECTS.test(text),
  parse: parseRedirects,
});
