// Parses `show crypto ikev2 sa [local|remote <address>] [detailed]`: IKEv2 SAs as `Tunnel-id Local Remote
// fvrf/ivrf Status` rows (IPv6: `Tunnel-id fvrf/ivrf Status` then `Local`/`Remote` lines) and their attribute lines.

import type { IkeSa } from '../model/records/ike.js';
import { words } from './common/lines.js';
import { isDigits } from './common/numbers.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { isDigit } from './common/text.js';
import { newIkeSa, UnrecordedLines } from './show-crypto-isakmp-sa.js';
import { addRemoteSubnet, applyAttribute, startsRemoteSubnets } from './show-crypto-ikev2-sa-attributes.js';

const SECTION = /^IPv[46] Crypto IKEv2 +SA$/;
const HEADER = /^Tunnel-id\s+(?:Local\s+Remote\s+)?fvrf\/ivrf\s+Status$/;
/** `4.4.4.1/4500` -> address and port (the last slash: IPv6 addresses have none of their own). */
function splitEndpoint(endpoint: string): { address: string; port: number } | undefined {
  const slash = endpoint.lastIndexOf('/');
  const port = endpoint.slice(slash + 1);
  if (slash <= 0 || !isDigits(port)) return undefined;
  return { address: endpoint.slice(0, slash), port: Number(port) };
}

/** `none/121` -> front-door and inside VRF, null for `none`. */
function splitVrfs(text: string): { fvrf: string | null; ivrf: string | null } | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) return undefined;
  const vrf = (name: string): string | null => (name === 'none' ? null : name);
  return { fvrf: vrf(text.slice(0, slash)), ivrf: vrf(text.slice(slash + 1)) };
}

interface RowStart {
  index: number;
  tunnelId: number;
  vrfs: { fvrf: string | null; ivrf: string | null };
  status: string;
}

function newV2Sa(
  row: RowStart,
  local: { address: string; port: number },
  remote: { address: string; port: number },
) {
  const sa = newIkeSa({
    version: 'v2',
    line: row.index + 1,
    local: local.address,
    remote: remote.address,
    state: row.status,
    status: row.status,
    up: row.status === 'READY',
  });
  sa.localPort = local.port;
  sa.remotePort = remote.port;
  sa.tunnelId = row.tunnelId;
  sa.fvrf = row.vrfs.fvrf;
  sa.ivrf = row.vrfs.ivrf;
  return sa;
}

/** `3  30.30.30.30/4500  20.20.20.20/4500  none/none  READY` (IPv4) or `1  none/none  READY` (IPv6). */
function parseRow(
  tokens: readonly string[],
  index: number,
): { row: RowStart; ends?: [string, string] } | undefined {
  if (!isDigits(tokens[0]!) || (tokens.length !== 5 && tokens.length !== 3)) return undefined;
  const vrfs = splitVrfs(tokens[tokens.length - 2]!);
  const status = tokens[tokens.length - 1]!;
  if (!vrfs || !/^[A-Z][A-Z-]*$/.test(status)) return undefined;
  const row = { index, tunnelId: Number(tokens[0]), vrfs, status };
  return tokens.length === 5 ? { row, ends: [tokens[1]!, tokens[2]!] } : { row };
}

export const showCryptoIkev2Sa = defineParser<IkeSa>({
  command: 'show crypto ikev2 sa',
  syntax: [
    'show crypto ikev2 sa',
    'show crypto ikev2 sa detailed',
    'show crypto ikev2 sa local <address>',
    'show crypto ikev2 sa local <address> detailed',
    'show crypto ikev2 sa remote <address>',
    'show crypto ikev2 sa remote <address> detailed',
  ],
  detect: (text) =>
    (/^\s*IPv[46] Crypto IKEv2 +SA\s*$/m.test(text) ||
      /^\s*Tunnel-id\s+(?:Local\s+Remote\s+)?fvrf\/ivrf\s+Status\s*$/m.test(text)) &&
    !/IKEv2 Session|^\s*Child sa:/m.test(text),
  parse(out, options) {
    new Ikev2SaWalk(out, options.filtered === true).run();
  },
});

/** The walk over the lines: the current SA takes the attribute lines that follow its row. */
class Ikev2SaWalk {
  private sa: IkeSa | null = null;
  /** An IPv6 row waiting for its `Local` and `Remote` lines. */
  private ipv6Row: { row: RowStart; local?: { address: string; port: number } } | null = null;
  private inRemoteSubnets = false;
  private readonly withoutAddresses: UnrecordedLines;
  /** Takes attribute lines whose SA row is missing, only to tell whether they are attribute lines. */
  private readonly scratch = newIkeSa({
    version: 'v2',
    line: 0,
    local: '',
    remote: '',
    state: '',
    status: '',
    up: false,
  });

  constructor(
    private readonly out: ParseOutput<IkeSa>,
    private readonly filtered: boolean,
  ) {
    this.withoutAddresses = new UnrecordedLines(out, filtered, 'IPv6 SA row without its Local/Remote lines');
  }

  run(): void {
    const lines = this.out.lines;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text === '') {
        this.inRemoteSubnets = false;
        continue;
      }
      const problem = this.take(text, i);
      if (problem) this.out.warn(i, problem);
    }
    this.closeIpv6Row();
    this.withoutAddresses.finish();
  }

  /** Takes one line; returns why it is not understood, or undefined. */
  private take(text: string, index: number): string | undefined {
    const first = text.charCodeAt(0);
    if (isDigit(first)) return this.takeNumbered(text, index);
    if (this.ipv6Row && (text.startsWith('Local ') || text.startsWith('Remote '))) {
      const tokens = words(text);
      const endpoint = tokens.length === 2 ? splitEndpoint(tokens[1]!) : undefined;
      if (endpoint) return this.takeIpv6Endpoint(tokens[0]!, endpoint);
    }
    // Only section (`IPv4 ...`) and header (`Tunnel-id ...`) lines start with these letters and get the regexes.
    if ((first === 73 || first === 84) && (SECTION.test(text) || HEADER.test(text))) {
      this.closeIpv6Row();
      this.sa = null;
      this.out.recognized++;
      return undefined;
    }
    this.inRemoteSubnets = text === 'Remote subnets:';
    if (this.inRemoteSubnets) return this.attribute(startsRemoteSubnets);
    return this.attribute((sa) => applyAttribute(text, sa));
  }

  /** A row (the tunnel id first) or, under `Remote subnets:`, a subnet line. */
  private takeNumbered(text: string, index: number): string | undefined {
    const tokens = words(text);
    const parsed = parseRow(tokens, index);
    if (!parsed) {
      if (isDigits(tokens[0]!)) {
        // A broken row still ends the SA before it: the lines that follow are not that SA's.
        this.closeIpv6Row();
        this.sa = null;
        return 'not an IKEv2 SA row (Tunnel-id Local Remote fvrf/ivrf Status)';
      }
      if (!this.inRemoteSubnets) return 'not an IKEv2 SA row, attribute line or header';
      return this.attribute((sa) => addRemoteSubnet(sa, tokens.join(' ')));
    }
    this.closeIpv6Row();
    this.inRemoteSubnets = false;
    this.sa = null;
    if (!parsed.ends) {
      this.ipv6Row = { row: parsed.row };
      return undefined;
    }
    const local = splitEndpoint(parsed.ends[0]);
    const remote = splitEndpoint(parsed.ends[1]);
    if (!local || !remote) return 'an IKEv2 SA row whose Local/Remote are not address/port';
    this.startSa(newV2Sa(parsed.row, local, remote));
    return undefined;
  }

  private takeIpv6Endpoint(side: string, endpoint: { address: string; port: number }): string | undefined {
    const pending = this.ipv6Row!;
    if (side === 'Local' && !pending.local) {
      pending.local = endpoint;
      return undefined;
    }
    if (side !== 'Remote' || !pending.local) return `an IPv6 SA's ${side} line out of order`;
    this.ipv6Row = null;
    this.startSa(newV2Sa(pending.row, pending.local, endpoint));
    return undefined;
  }

  private startSa(sa: IkeSa): void {
    this.sa = sa;
    this.out.records.push(sa);
  }

  private closeIpv6Row(): void {
    if (this.ipv6Row) this.withoutAddresses.add(this.ipv6Row.row.index);
    this.ipv6Row = null;
  }

  /**
   * Applies an attribute line to the current SA. Without one (its row filtered out) the line has nothing to belong
   * to: expected in filtered output, a warning otherwise.
   */
  private attribute(apply: (sa: IkeSa) => boolean): string | undefined {
    if (!apply(this.sa ?? this.scratch)) return 'not an IKEv2 SA row, attribute line or header';
    if (!this.sa && !this.filtered) return 'an IKEv2 SA attribute line with no SA row before it';
    this.out.recognized++;
    return undefined;
  }
}
