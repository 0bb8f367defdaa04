// Parses `show ip nhrp summary` and `show ipv6 nhrp summary`: how many NHRP cache entries of each kind.

import type { ParseOptions } from '../model/parse.js';
import type {
  NhrpCacheSummary,
  NhrpLocalCacheCounts,
  NhrpRemoteCacheCounts,
} from '../model/records/nhrp-cache.js';
import type { ParseOutput, Parser } from './common/parser.js';
import { defineParser } from './common/parser.js';
import { isTerminalNoise } from './common/terminal-noise.js';
import { endOfText, indentOf } from './common/text.js';

const HEADER = /^(IP|IPv6) NHRP cache (\d+) entr(?:y|ies)(?:, (\d+) bytes?)?$/;

type Section = 'total' | 'remote' | 'local';
type TotalKey = 'static' | 'dynamic' | 'incomplete';
type RemoteKey = Exclude<keyof NhrpRemoteCacheCounts, 'entries'>;
type LocalKey = Exclude<keyof NhrpLocalCacheCounts, 'entries'>;

// The words IOS prints after each count, per block. `rib (0 H 0 nho)`: of the RIB routes, those installed as
// `H` (NHRP) routes and those installed as next-hop overrides.
const TOTAL_WORDS: Record<string, TotalKey> = {
  static: 'static',
  dynamic: 'dynamic',
  incomplete: 'incomplete',
};
const REMOTE_WORDS: Record<string, RemoteKey> = {
  ...TOTAL_WORDS,
  nhop: 'nhop',
  bfd: 'bfd',
  default: 'default',
  temporary: 'temporary',
  route: 'routes',
  rib: 'rib',
  H: 'ribNhrpRoutes',
  nho: 'ribNextHopOverrides',
  bgp: 'bgp',
  lfib: 'lfib',
};
const LOCAL_WORDS: Record<string, LocalKey> = { ...TOTAL_WORDS, lfib: 'lfib' };

function remoteCounts(entries: number): NhrpRemoteCacheCounts {
  return {
    entries,
    static: null,
    dynamic: null,
    incomplete: null,
    nhop: null,
    bfd: null,
    default: null,
    temporary: null,
    routes: null,
    rib: null,
    ribNhrpRoutes: null,
    ribNextHopOverrides: null,
    bgp: null,
    lfib: null,
  };
}

function localCounts(entries: number): NhrpLocalCacheCounts {
  return { entries, static: null, dynamic: null, incomplete: null, lfib: null };
}

function newSummary(
  index: number,
  family: NhrpCacheSummary['family'],
  entries: number | null,
): NhrpCacheSummary {
  return {
    kind: 'nhrp_cache_summary',
    line: index + 1,
    family,
    entries,
    bytes: null,
    static: null,
    dynamic: null,
    incomplete: null,
    remote: null,
    local: null,
  };
}

interface SummaryWalk {
  out: ParseOutput<NhrpCacheSummary>;
  filtered: boolean;
  summary: NhrpCacheSummary | undefined;
  section: Section;
}

// Spaces, tabs and the parentheses of `0 rib (0 H    0 nho)` only separate the counts from their words.
const isSeparator = (code: number): boolean => code === 32 || code === 9 || code === 40 || code === 41;

/** `0 static   1 dynamic    0 incomplete`, `1 Remote`, `0 rib (0 H    0 nho)`: count and word pairs, read in place. */
function countPairs(line: string, start: number, end: number): [number, string][] | undefined {
  const pairs: [number, string][] = [];
  let at = start;
  while (at < end) {
    let count = 0;
    const countFrom = at;
    for (
      let digit = line.charCodeAt(at) - 48;
      at < end && digit >= 0 && digit <= 9;
      digit = line.charCodeAt(++at) - 48
    )
      count = count * 10 + digit;
    if (at === countFrom || at === end || !isSeparator(line.charCodeAt(at))) return undefined;
    while (at < end && isSeparator(line.charCodeAt(at))) at++;
    const wordFrom = at;
    while (at < end && !isSeparator(line.charCodeAt(at))) at++;
    if (at === wordFrom) return undefined;
    pairs.push([count, line.slice(wordFrom, at)]);
    while (at < end && isSeparator(line.charCodeAt(at))) at++;
  }
  return pairs.length > 0 ? pairs : undefined;
}

function readCounts(walk: SummaryWalk, pairs: [number, string][], index: number): string | undefined {
  // A filtered output may have lost the header: its counts still need a record to land in.
  const summary = walk.summary ?? (walk.filtered ? startSummary(walk, index, null, null) : undefined);
  if (!summary) return 'NHRP cache counts with no `IP NHRP cache` header before them';
  const [first] = pairs;
  if (pairs.length === 1 && (first![1] === 'Remote' || first![1] === 'Local')) {
    walk.section = first![1] === 'Remote' ? 'remote' : 'local';
    if (walk.section === 'remote') summary.remote = remoteCounts(first![0]);
    else summary.local = localCounts(first![0]);
    return undefined;
  }
  if (walk.section === 'remote') return assign(summary.remote!, REMOTE_WORDS, pairs);
  if (walk.section === 'local') return assign(summary.local!, LOCAL_WORDS, pairs);
  return assign(summary, TOTAL_WORDS, pairs);
}

function assign<K extends string>(
  counts: Record<K, number | null>,
  known: Record<string, K>,
  pairs: [number, string][],
): string | undefined {
  const unknown = pairs.find(([, word]) => !Object.hasOwn(known, word));
  if (unknown) return `unknown NHRP cache count \`${unknown[1]}\``;
  for (const [count, word] of pairs) counts[known[word]!] = count;
  return undefined;
}

function startSummary(
  walk: SummaryWalk,
  index: number,
  family: NhrpCacheSummary['family'],
  entries: number | null,
): NhrpCacheSummary {
  const summary = newSummary(index, family, entries);
  walk.out.records.push(summary);
  walk.summary = summary;
  walk.section = 'total';
  return summary;
}

function readLine(walk: SummaryWalk, line: string, start: number, index: number): string | undefined {
  const end = endOfText(line);
  const header = line.startsWith('IP', start) ? HEADER.exec(line.slice(start, end)) : null;
  if (header) {
    const summary = startSummary(walk, index, header[1] === 'IP' ? 'ipv4' : 'ipv6', Number(header[2]));
    summary.bytes = header[3] === undefined ? null : Number(header[3]);
    return undefined;
  }
  const pairs = countPairs(line, start, end);
  if (pairs) return readCounts(walk, pairs, index);
  return isTerminalNoise(line, start) ? undefined : 'not an NHRP cache summary line';
}

function parseSummary(out: ParseOutput<NhrpCacheSummary>, options: ParseOptions): void {
  const walk: SummaryWalk = {
    out,
    filtered: options.filtered === true,
    summary: undefined,
    section: 'total',
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

const LOOKS_LIKE_SUMMARY = /^\s*IP(?:v6)? NHRP cache \d+ entr/m;

export const showIpNhrpSummary: Parser<NhrpCacheSummary> = defineParser({
  command: 'show ip nhrp summary',
  syntax: ['show ip nhrp summary', 'show ipv6 nhrp summary'],
  detect: (text) => LOOKS_LIKE_SUMMARY.test(text),
  parse: parseSummary,
});
