// Parses `show dmvpn` (and its `ipv6`, `interface`, `peer`, `static` forms and `| count`) into peers per tunnel.

import type { DmvpnInterface, DmvpnMatchCount, DmvpnPeer } from '../model/records/dmvpn.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { isTerminalNoise } from './common/terminal-noise.js';
import { indentOf, isDigit } from './common/text.js';
import {
  dmvpnCommandForms,
  isLegendLine,
  isRule,
  isTableHeader,
  parseMatchCount,
  parseNhrpDetailsHeader,
  parseOldHeader,
  parseTypeLine,
} from './dmvpn-headers.js';
import { PeerTableReader } from './dmvpn-peer-table.js';

export type ShowDmvpnRecord = DmvpnInterface | DmvpnPeer | DmvpnMatchCount;

const DETECT =
  /Interface: \S+, IPv[46] NHRP Details|^\s*\S+, Type:\S+, (?:NHRP|NBMA) Peers:|Peer NBMA Addr|^\s*\d+\.Peer NBMA Address:|^\s*Number of lines which match regexp = \d+\s*$/m;

export const showDmvpn = defineParser<ShowDmvpnRecord>({
  command: 'show dmvpn',
  syntax: dmvpnCommandForms(['', ' static']),
  detect: (text) => DETECT.test(text),
  parse(out) {
    new ShowDmvpnReader(out).readAll();
  },
});

class ShowDmvpnReader {
  private readonly table: PeerTableReader;
  /** The `Interface: ... NHRP Details` line waiting for its `Type:` line. */
  private headerIndex: number | undefined;

  constructor(private readonly out: ParseOutput<ShowDmvpnRecord>) {
    this.table = new PeerTableReader(out, { interface: null, interfaceType: null, addressFamily: null });
  }

  readAll(): void {
    const { out, table } = this;
    for (let i = 0; i < out.lines.length; i++) {
      const line = out.lines[i]!;
      const start = indentOf(line);
      if (start === line.length) continue;
      const code = line.charCodeAt(start);
      // Peer rows are nearly every line of a hub's output: try them first, without trimming.
      const startsWithDigit = isDigit(code);
      if ((startsWithDigit && table.read(i, line, start)) || this.readHeader(i, line.trim())) {
        out.recognized++;
      } else if (!startsWithDigit && table.read(i, line, start)) {
        out.recognized++;
      } else {
        out.warn(i, 'not a show dmvpn line');
      }
    }
    table.finish();
  }

  private readHeader(index: number, trimmed: string): boolean {
    const details = parseNhrpDetailsHeader(trimmed);
    if (details) {
      this.table.enterInterface(details.interface, null, details.addressFamily);
      this.headerIndex = index;
      return true;
    }
    const type = parseTypeLine(trimmed);
    if (type) {
      const { context } = this.table;
      context.interfaceType = type.type;
      if (context.interface !== null) {
        this.out.records.push({
          kind: 'dmvpn_interface',
          line: (this.headerIndex ?? index) + 1,
          interface: context.interface,
          type: type.type,
          peerCount: type.peerCount,
          addressFamily: context.addressFamily,
        });
      }
      this.headerIndex = undefined;
      return true;
    }
    const old = parseOldHeader(trimmed);
    if (old) {
      this.table.enterInterface(old.interface, old.type, null);
      this.out.records.push({
        kind: 'dmvpn_interface',
        line: index + 1,
        interface: old.interface,
        type: old.type,
        peerCount: old.peerCount,
        addressFamily: null,
      });
      return true;
    }
    const count = parseMatchCount(trimmed);
    if (count !== undefined) {
      this.out.records.push({ kind: 'dmvpn_match_count', line: index + 1, lines: count });
      return true;
    }
    return isTableHeader(trimmed) || isRule(trimmed) || isLegendLine(trimmed) || isTerminalNoise(trimmed);
  }
}
