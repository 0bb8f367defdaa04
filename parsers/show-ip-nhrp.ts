// Parses the NHRP cache: `show ip nhrp [detail]`, `vrf X`, `<interface|address>`, `self`, and `show ipv6 nhrp`.

import type { ParseOptions } from '../model/parse.js';
import type { NhrpCacheEntry } from '../model/records/nhrp-cache.js';
import { isAddress, isIpv4 } from './common/address.js';
import { groupByFirstChar } from './common/by-first-char.js';
import { durationAt } from './common/duration.js';
import { fullInterfaceName } from './common/interface-name.js';
import { isDigits, wholeNumber } from './common/numbers.js';
import { defineParser, type ParseOutput, type Parser } from './common/parser.js';
import { terminalLine } from './common/terminal-noise.js';
import { endOfText, indentOf, isDigit, skipBlanks } from './common/text.js';
import {
  newTypeLineMemo,
  readTypeAndFlags,
  type TypeLineMemo,
  vrfOfEcho,
  wordsBetween,
} from './show-ip-nhrp-cache-lines.js';

/** Lines of an entry, one bit each: in filtered output a kind the entry already has starts the next entry. */
const Part = {
  Header: 1,
  Lifetime: 2,
  Type: 4,
  Nbma: 8,
  Claimed: 16,
  NoSocket: 32,
  Group: 64,
  Preference: 128,
  CacheHits: 256,
  Requester: 512,
  CurrentRequest: 1024,
  Metadata: 2048,
} as const;

type Part = (typeof Part)[keyof typeof Part];

/** The entry lines that start with their own label, most frequent first. */
const LABELS: readonly (readonly [string, Part])[] = [
  ['NBMA address:', Part.Nbma],
  ['Type:', Part.Type],
  ['(no-socket)', Part.NoSocket],
  ['(Claimed NBMA address:', Part.Claimed],
  ['Group:', Part.Group],
  ['Preference:', Part.Preference],
  ['Cache hits:', Part.CacheHits],
  ['Requester:', Part.Requester],
  ['Current request id:', Part.CurrentRequest],
  ['Metadata Exchange Framework:', Part.Metadata],
];

interface CacheWalk {
  out: ParseOutput<NhrpCacheEntry>;
  filtered: boolean;
  vrf: string | null;
  /** The line being read: its text, first and past-last non-blank characters, and 0-based index. */
  line: string;
  start: number;
  end: number;
  index: number;
  entry: NhrpCacheEntry | undefined;
  /** Parts the current entry already has. */
  seen: number;
  /** The header ended with `via` and the next line holds the next hop (a long IPv6 address wrapped). */
  awaitingVia: boolean;
  inMetadata: boolean;
  /** The interface of the previous entry, shared by the next ones that name it again. */
  lastInterface: string;
  typeLine: TypeLineMemo;
}

function startEntry(walk: CacheWalk): NhrpCacheEntry {
  const entry: NhrpCacheEntry = {
    kind: 'nhrp_cache',
    line: walk.index + 1,
    target: null,
    via: null,
    interface: null,
    createdSeconds: null,
    expiresSeconds: null,
    type: null,
    flags: [],
    nbma: null,
    claimedNbma: null,
    noSocket: false,
    vrf: walk.vrf,
    group: null,
    cacheHits: null,
    preference: null,
    requester: null,
    requestId: null,
    currentRequestId: null,
  };
  walk.out.records.push(entry);
  walk.entry = entry;
  walk.seen = 0;
  walk.awaitingVia = false;
  walk.inMetadata = false;
  return entry;
}

/** The entry a body line belongs to: in filtered output a headless one is started when the header was cut. */
function entryFor(walk: CacheWalk, part: Part): NhrpCacheEntry | undefined {
  let entry = walk.entry;
  if (walk.filtered && (!entry || walk.seen & part)) entry = startEntry(walk);
  if (entry) walk.seen |= part;
  return entry;
}

const CREATED = ' created ';

/**
 * `Tunnel100 created 00:00:32, expire 00:02:27` or `... never expire`, in `text` from `from` to `end` (one-line
 * headers carry it after the target). Old images print `tunnel 100 created 0:00:43 expire 1:59:16`.
 */
function readLifetime(
  walk: CacheWalk,
  text: string,
  from: number,
  end: number,
  entry: NhrpCacheEntry,
): boolean {
  const createdAt = text.indexOf(CREATED, from);
  if (createdAt < 0 || createdAt >= end) return false;
  const createdFrom = createdAt + CREATED.length;
  const createdStop = text.indexOf(' ', createdFrom);
  if (createdStop < 0 || createdStop >= end) return false;
  const created = durationAt(
    text,
    createdFrom,
    text.charCodeAt(createdStop - 1) === 44 ? createdStop - 1 : createdStop,
  );
  const rest = skipBlanks(text, createdStop, end);
  let expires: number | null | undefined;
  if (text.startsWith('never expire', rest) && rest + 'never expire'.length === end) expires = null;
  else if (text.startsWith('expire ', rest)) expires = durationAt(text, skipBlanks(text, rest + 6, end), end);
  const name = interfaceName(walk, text, from, createdAt);
  if (created === undefined || expires === undefined || name === undefined) return false;
  entry.interface = name;
  entry.createdSeconds = created;
  entry.expiresSeconds = expires;
  return true;
}

/** The interface named between `from` and `end`; old images print `tunnel 100` for `Tunnel100`. */
function interfaceName(walk: CacheWalk, text: string, from: number, end: number): string | undefined {
  const last = walk.lastInterface;
  if (last.length === end - from && text.startsWith(last, from)) return last;
  let name = text.slice(from, end);
  const space = name.indexOf(' ');
  if (space >= 0) {
    const unit = name.slice(space + 1);
    if (!isDigits(unit)) return undefined;
    name = fullInterfaceName(name.slice(0, space) + unit);
  }
  walk.lastInterface = name;
  return name;
}

/** An entry header: `10.0.0.2/32 via 10.0.0.2`, read in place; other forms are read word by word. */
function readHeader(walk: CacheWalk): string | undefined {
  const { line, start, end } = walk;
  const viaAt = line.indexOf(' via ', start);
  if (viaAt > 0) {
    const hopAt = skipBlanks(line, viaAt + 5, end);
    const hopEnd = line.indexOf(' ', hopAt);
    const target = line.slice(start, viaAt);
    const via = line.slice(hopAt, end);
    if ((hopEnd < 0 || hopEnd >= end) && isAddress(target) && isAddress(via)) {
      const entry = startEntry(walk);
      walk.seen = Part.Header;
      entry.target = target;
      entry.via = via;
      return undefined;
    }
  }
  return readOlderHeader(walk);
}

const withoutComma = (token: string): string => (token.endsWith(',') ? token.slice(0, -1) : token);

/** `255.255.255.0` -> 24. */
function maskLength(mask: string): number {
  let bits = 0;
  for (const octet of mask.split('.'))
    for (let value = Number(octet); value > 0; value >>= 1) bits += value & 1;
  return bits;
}

const isMask = (token: string): boolean => (token.startsWith('255.') || token === '0.0.0.0') && isIpv4(token);

/**
 * Headers of older images and their odd cases: one-line `10.0.0.2/32 via 10.0.0.2, Tunnel0 created 00:17:49, expire
 * 00:01:30`, `10.1.1.4, Tunnel1 created ...` (incomplete, no next hop), `10.0.0.2 255.255.255.255, tunnel 100 ...`
 * (mask), `10.0.0.3/32 (incomplete)`, and a long IPv6 next hop wrapped onto its own line after `via`.
 */
function readOlderHeader(walk: CacheWalk): string | undefined {
  const tokens = wordsBetween(walk.line, walk.start, walk.end);
  let target = tokens[0]!;
  if (walk.awaitingVia && walk.entry && tokens.length === 1 && isAddress(target)) {
    walk.entry.via = target;
    walk.awaitingVia = false;
    return undefined;
  }
  let ended = target.endsWith(',');
  target = withoutComma(target);
  if (!isAddress(target)) return 'not an NHRP cache entry line';
  let next = 1;
  const mask = tokens[1];
  if (!ended && mask !== undefined && isMask(withoutComma(mask))) {
    target = `${target}/${maskLength(withoutComma(mask))}`;
    ended = mask.endsWith(',');
    next = 2;
  }
  if (!ended && tokens[next] === '(incomplete)') next++;
  const entry = startEntry(walk);
  entry.target = target;
  walk.seen = Part.Header;
  if (!ended && tokens[next] === 'via') {
    const via = tokens[next + 1];
    next += 2;
    if (via === undefined) walk.awaitingVia = true;
    else if (isAddress(withoutComma(via))) entry.via = withoutComma(via);
    else return 'an NHRP entry header whose next hop is not an address';
  }
  if (next >= tokens.length) return undefined;
  walk.seen |= Part.Lifetime;
  const lifetime = tokens.slice(next).join(' ');
  return readLifetime(walk, lifetime, 0, lifetime.length, entry)
    ? undefined
    : 'an NHRP entry header whose tail is not understood';
}

/** The text after a label, e.g. `Group: HUB` -> `HUB`. */
const valueAfter = (walk: CacheWalk, label: string): string =>
  walk.line.slice(skipBlanks(walk.line, walk.start + label.length, walk.end), walk.end);

/** `NBMA address: 103.1.1.1`, sometimes followed by `(no-socket)`. */
function readNbma(walk: CacheWalk, entry: NhrpCacheEntry): string | undefined {
  const { line, end } = walk;
  const from = skipBlanks(line, walk.start + 'NBMA address:'.length, end);
  let stop = line.indexOf(' ', from);
  if (stop < 0 || stop > end) stop = end;
  entry.nbma = stop > from ? line.slice(from, stop) : null;
  if (stop === end) return undefined;
  if (line.slice(skipBlanks(line, stop, end), end) !== '(no-socket)')
    return 'an NBMA address line with more than one address';
  entry.noSocket = true;
  return undefined;
}

/** `Requester: 100.0.0.2 Request ID: 97` */
function readRequester(walk: CacheWalk, entry: NhrpCacheEntry): string | undefined {
  const tokens = wordsBetween(walk.line, walk.start, walk.end);
  if (tokens.length !== 5 || tokens[2] !== 'Request' || tokens[3] !== 'ID:' || !isDigits(tokens[4]!))
    return 'not a `Requester: <address> Request ID: <n>` line';
  entry.requester = tokens[1]!;
  entry.requestId = Number(tokens[4]);
  return undefined;
}

/** The count after a label (`Preference: 255`), or undefined when it is not one. */
function countAfter(walk: CacheWalk, label: string): number | undefined {
  const text = valueAfter(walk, label);
  return wholeNumber(text);
}

/** Reads a labelled line into its entry; returns why it was not understood, or undefined. */
function fill(walk: CacheWalk, entry: NhrpCacheEntry, label: string, part: Part): string | undefined {
  switch (part) {
    case Part.Nbma:
      return readNbma(walk, entry);
    case Part.Type:
      readTypeAndFlags(walk.line, walk.start, walk.end, entry, walk.typeLine);
      return undefined;
    case Part.NoSocket:
      entry.noSocket = true;
      return walk.end === walk.start + label.length ? undefined : 'text after (no-socket)';
    case Part.Claimed: {
      // `(Claimed NBMA address: 192.168.50.2)`: the address a NAT'd peer put inside its packet.
      const claimed = valueAfter(walk, label);
      if (!claimed.endsWith(')')) return 'a claimed NBMA address line without its closing parenthesis';
      entry.claimedNbma = claimed.slice(0, -1).trim();
      return undefined;
    }
    case Part.Group:
      entry.group = valueAfter(walk, label) || null;
      return undefined;
    case Part.Requester:
      return readRequester(walk, entry);
    case Part.Metadata:
      entry.metadataExchange = [];
      walk.inMetadata = true;
      return undefined;
  }
  const count = countAfter(walk, label);
  if (count === undefined) return `\`${label}\` is not followed by a number`;
  if (part === Part.Preference) entry.preference = count;
  else if (part === Part.CacheHits) entry.cacheHits = count;
  else entry.currentRequestId = count;
  return undefined;
}

const METADATA_ROW = /^\s*(\d+)\s+(\S+)\s*$/;
const METADATA_HEADER = /^\s*Type\s+State\s*$/;
const EXT_DATA = 'MEF ext data:';

/** `show ip nhrp self`: a row of the Metadata Exchange Framework table under the router's own entry. */
function readMetadataRow(walk: CacheWalk): string | undefined {
  const rows = walk.entry?.metadataExchange;
  if (!rows) return 'not a Metadata Exchange Framework line';
  const { line } = walk;
  if (METADATA_HEADER.test(line)) return undefined;
  const row = METADATA_ROW.exec(line);
  if (row) {
    rows.push({ type: Number(row[1]), state: row[2]!, extData: null });
    return undefined;
  }
  const last = rows[rows.length - 1];
  if (!last || !line.startsWith(EXT_DATA, walk.start)) return 'not a Metadata Exchange Framework line';
  last.extData = valueAfter(walk, EXT_DATA);
  return undefined;
}

// The labels by their first character, so that most lines are matched against one label or none.
const LABELS_BY_FIRST_CHAR = groupByFirstChar(LABELS);

function labelOf(line: string, start: number): readonly [string, Part] | undefined {
  const candidates = LABELS_BY_FIRST_CHAR[line.charCodeAt(start)];
  if (candidates === undefined) return undefined;
  for (let k = 0; k < candidates.length; k++)
    if (line.startsWith(candidates[k]![0], start)) return candidates[k];
  return undefined;
}

/** Reads one non-blank line; returns why it was not understood, or undefined. */
function readLine(walk: CacheWalk): string | undefined {
  const { line, start } = walk;
  const code = line.charCodeAt(start);
  if (isDigit(code))
    return walk.inMetadata && METADATA_ROW.test(line) ? readMetadataRow(walk) : readHeader(walk);
  const label = labelOf(line, start);
  if (label) {
    const entry = entryFor(walk, label[1]);
    return entry
      ? fill(walk, entry, label[0], label[1])
      : 'an NHRP entry line with no entry header before it';
  }
  if (walk.inMetadata) return readMetadataRow(walk);
  const firstSpace = line.indexOf(' ', start);
  const firstColon = line.indexOf(':', start);
  // An IPv6 target (`FE80::2/128 via ...`) starts with a letter too, but its first word holds colons.
  if (firstColon >= 0 && (firstSpace < 0 || firstColon < firstSpace)) return readHeader(walk);
  if (line.indexOf(CREATED, start) > start) {
    const entry = entryFor(walk, Part.Lifetime);
    if (!entry) return 'an NHRP entry line with no entry header before it';
    return readLifetime(walk, line, start, walk.end, entry)
      ? undefined
      : 'not an NHRP `<interface> created ..., expire ...` line';
  }
  const command = terminalLine(line, start);
  if (command === undefined) return 'not an NHRP cache line';
  walk.vrf ??= vrfOfEcho(command) ?? null;
  return undefined;
}

function parseCache(out: ParseOutput<NhrpCacheEntry>, options: ParseOptions, vrf: string | null): void {
  const walk: CacheWalk = {
    out,
    filtered: options.filtered === true,
    vrf,
    line: '',
    start: 0,
    end: 0,
    index: 0,
    entry: undefined,
    seen: 0,
    awaitingVia: false,
    inMetadata: false,
    lastInterface: '',
    typeLine: newTypeLineMemo(),
  };
  const lines = out.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = indentOf(line);
    if (start === line.length) continue;
    walk.line = line;
    walk.start = start;
    walk.end = endOfText(line);
    walk.index = i;
    const problem = readLine(walk);
    if (problem === undefined) out.recognized++;
    else out.warn(i, problem);
  }
}

// `Tunnel100 created 00:00:32, expire 00:02:27`, alone or at the end of a one-line header.
const LIFETIME = /\screated \S+,?\s+(?:never expire|expire \S)/;

export const showIpNhrp: Parser<NhrpCacheEntry> = defineParser({
  command: 'show ip nhrp',
  syntax: [
    'show ip nhrp',
    'show ip nhrp detail',
    'show ip nhrp <target>',
    'show ip nhrp <target> detail',
    'show ip nhrp self',
    'show ip nhrp static',
    'show ip nhrp dynamic',
    'show ip nhrp incomplete',
    'show ip nhrp shortcut',
    'show ip nhrp local',
  ],
  detect: (text) => LIFETIME.test(text),
  parse: (out, options) => parseCache(out, options, null),
});

/** The same cache, one VRF's: the VRF is the command's first argument. */
export const showIpNhrpVrf: Parser<NhrpCacheEntry> = defineParser({
  command: 'show ip nhrp vrf',
  syntax: ['show ip nhrp vrf <name>', 'show ip nhrp vrf <name> detail', 'show ip nhrp vrf <name> <target>'],
  parse: (out, options) => parseCache(out, options, options.args?.[0] ?? null),
});

export const showIpv6Nhrp: Parser<NhrpCacheEntry> = defineParser({
  command: 'show ipv6 nhrp',
  syntax: [
    'show ipv6 nhrp',
    'show ipv6 nhrp detail',
    'show ipv6 nhrp <target>',
    'show ipv6 nhrp <target> detail',
  ],
  parse: (out, options) => parseCache(out, options, null),
});
