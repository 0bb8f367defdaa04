// Parses `show ip eigrp neighbors [detail]`: one record per neighbor, under its AS / VRF table header.

import type { EigrpNeighbor } from '../model/records/system.js';
import { parseDuration } from './common/duration.js';
import { words } from './common/lines.js';
import { wholeNumber } from './common/numbers.js';
import { defineParser } from './common/parser.js';
import { isTerminalNoise } from './common/terminal-noise.js';
import { isDigit } from './common/text.js';

/** `EIGRP-IPv4 Neighbors for AS(100) VRF(RED)`, `EIGRP-IPv4 VR(WAN) Address-Family Neighbors for AS(100)`. */
const TABLE_HEADER =
  /^EIGRP-IPv4 (?:VR\(([^)]+)\) Address-Family )?Neighbors for AS\((\d+)\)(?:\s+VRF\(([^)]+)\))?\s*$/;
/** `IP-EIGRP neighbors for process 1`, `EIGRP-IPv4:(535) neighbors for process 535`, `IP-EIGRP (AS 1): Neighbors`. */
const PROCESS_HEADER =
  /^(?:IP-EIGRP|EIGRP-IPv4(?::\(\d+\))?)\s*(?:\(AS (\d+)\):)?\s*[Nn]eighbors(?: for process (\d+))?\s*$/;
const COLUMNS = /^H\s+Address\s+Interface\s+Hold\s+Uptime\s+SRTT\s+RTO\s+Q\s+Seq$/;
const UNITS = /^\(sec\)\s+\(ms\)\s+Cnt\s+Num$/;
const DETAIL_COUNTS = /^Version (\S+), Retrans: (\d+), Retries: (\d+)(?:, Prefixes: (\d+))?/;
/** Detail lines about the peer's topologies and the neighbor limit: understood, not kept. */
const DETAIL_NOTES =
  /^(?:Topology-ids from peer|Topologies advertised to peer|Max Nbrs: \d+, Current Nbrs: \d+)/;

interface TableContext {
  as: number | null;
  vrf: string | null;
  virtualRouter: string | null;
}

export const showIpEigrpNeighbors = defineParser<EigrpNeighbor>({
  command: 'show ip eigrp neighbors',
  syntax: [
    'show ip eigrp neighbors',
    'show ip eigrp neighbors detail',
    'show ip eigrp neighbors <interface>',
    'show ip eigrp <as> neighbors',
    'show ip eigrp vrf <vrf> neighbors',
  ],
  detect: (text) => /^\s*H\s+Address\s+Interface\s+Hold\s+Uptime\s+SRTT\s+RTO\s+Q\s+Seq\s*$/m.test(text),
  parse(out) {
    const { lines } = out;
    let table: TableContext = { as: null, vrf: null, virtualRouter: null };
    let last: EigrpNeighbor | undefined;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text === '') continue;
      const first = text.charCodeAt(0);
      const neighbor = isDigit(first) ? readNeighbor(words(text), table, i + 1) : undefined;
      if (neighbor) {
        out.records.push((last = neighbor));
        out.recognized++;
        continue;
      }
      const header = readTableHeader(text);
      if (header) {
        table = header;
        last = undefined;
        out.recognized++;
        continue;
      }
      if (COLUMNS.test(text) || UNITS.test(text) || isTerminalNoise(text)) {
        out.recognized++;
        continue;
      }
      if (last && readDetail(last, text)) {
        out.recognized++;
      } else out.warn(i, 'not an EIGRP neighbor row or table header');
    }
  },
});

function readTableHeader(text: string): TableContext | undefined {
  const table = TABLE_HEADER.exec(text);
  if (table) return { as: Number(table[2]), vrf: table[3] ?? null, virtualRouter: table[1] ?? null };
  const process = PROCESS_HEADER.exec(text);
  if (!process) return undefined;
  const as = process[1] ?? process[2] ?? /\((\d+)\)/.exec(text)?.[1];
  return { as: as === undefined ? null : Number(as), vrf: null, virtualRouter: null };
}

/** `0   10.0.0.2   Tu0   13 00:10:51   12   100  0  5`. */
function readNeighbor(tokens: string[], table: TableContext, line: number): EigrpNeighbor | undefined {
  if (tokens.length !== 9) return undefined;
  const handle = wholeNumber(tokens[0]!);
  const holdSeconds = wholeNumber(tokens[3]!);
  const srttMs = wholeNumber(tokens[5]!);
  const rtoMs = wholeNumber(tokens[6]!);
  const queueCount = wholeNumber(tokens[7]!);
  const sequence = wholeNumber(tokens[8]!);
  const uptimeSeconds = parseDuration(tokens[4]!);
  if (
    handle === undefined ||
    holdSeconds === undefined ||
    srttMs === undefined ||
    rtoMs === undefined ||
    queueCount === undefined ||
    sequence === undefined ||
    uptimeSeconds === undefined
  ) {
    return undefined;
  }
  return {
    kind: 'eigrp_neighbor',
    line,
    as: table.as,
    vrf: table.vrf,
    virtualRouter: table.virtualRouter,
    handle,
    address: tokens[1]!,
    interface: tokens[2]!,
    holdSeconds,
    uptimeSeconds,
    srttMs,
    rtoMs,
    queueCount,
    sequence,
    version: null,
    retransmissions: null,
    retries: null,
    prefixes: null,
  };
}

/** The `detail` lines under a neighbor row. */
function readDetail(neighbor: EigrpNeighbor, text: string): boolean {
  const counts = DETAIL_COUNTS.exec(text);
  if (counts) {
    neighbor.version = counts[1]!;
    neighbor.retransmissions = Number(counts[2]);
    neighbor.retries = Number(counts[3]);
    neighbor.prefixes = counts[4] === undefined ? null : Number(counts[4]);
    return true;
  }
  return DETAIL_NOTES.test(text);
}
