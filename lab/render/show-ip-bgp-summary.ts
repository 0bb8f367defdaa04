// Renders `show ip bgp summary` as IOS-XE prints it: router ID, local AS, table version and memory lines, then the
// neighbor table, and under it the listen-range footer a DMVPN hub prints for its dynamic spokes.

import type { RoutingConfig } from '../model/config.js';
import type { RouterState, RoutingNeighborView } from '../model/state.js';
import { iosDuration } from './durations.js';
import { routerId } from './system-identity.js';

export const BGP_COLUMNS =
  'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd';

/** The peer group the hub's `bgp listen range <prefix> peer-group SPOKES` names. */
export const LISTEN_RANGE_PEER_GROUP = 'SPOKES';

/** `bgp listen limit` when not configured. */
const DEFAULT_LISTEN_LIMIT = 100;

/** Bytes IOS-XE accounts per network, path and attribute entry. */
const NETWORK_ENTRY_BYTES = 248;
const PATH_ENTRY_BYTES = 136;
const ATTRIBUTE_ENTRY_BYTES = 296;
const AS_PATH_ENTRY_BYTES = 24;

interface BgpPeer {
  view: RoutingNeighborView;
  dynamic: boolean;
  remoteAs: number;
}

function established(peer: BgpPeer): boolean {
  return peer.view.state === 'Established';
}

/** A session sends its OPEN, its updates, then a keepalive each 60 s; counters start again with each session. */
function messages(peer: BgpPeer, tableVersion: number): { received: number; sent: number } {
  if (!established(peer)) return { received: 0, sent: 0 };
  const keepalives = Math.floor(peer.view.upSeconds / 60);
  return { received: keepalives + peer.view.detail + 2, sent: keepalives + tableVersion + 1 };
}

/** `*10.0.0.12      4        65000      14      15        9    0    0 00:10:20        1`. */
function neighborRow(peer: BgpPeer, tableVersion: number): string {
  const { received, sent } = messages(peer, tableVersion);
  const up = established(peer);
  const address = `${peer.dynamic ? '*' : ''}${peer.view.neighbor}`;
  return (
    `${address.padEnd(15)} 4 ${String(peer.remoteAs).padStart(12)} ${String(received).padStart(7)} ` +
    `${String(sent).padStart(7)} ${String(up ? tableVersion : 1).padStart(8)} ${'0'.padStart(4)} ${'0'.padStart(4)} ` +
    `${iosDuration(peer.view.upSeconds).padEnd(8)} ${up ? String(peer.view.detail).padStart(8) : peer.view.state}`
  );
}

function headerLines(
  state: RouterState,
  routing: RoutingConfig,
  peers: BgpPeer[],
  tableVersion: number,
): string[] {
  const received = peers.reduce((sum, peer) => sum + (established(peer) ? peer.view.detail : 0), 0);
  const networks = routing.networks.length + received;
  const attributes = Math.min(networks, 1 + peers.filter(established).length);
  const totalBytes =
    networks * NETWORK_ENTRY_BYTES +
    networks * PATH_ENTRY_BYTES +
    attributes * ATTRIBUTE_ENTRY_BYTES +
    AS_PATH_ENTRY_BYTES;
  return [
    `BGP router identifier ${routerId(state.interfaces) ?? '0.0.0.0'}, local AS number ${routing.asn}`,
    `BGP table version is ${tableVersion}, main routing table version ${tableVersion}`,
    `${networks} network entries using ${networks * NETWORK_ENTRY_BYTES} bytes of memory`,
    `${networks} path entries using ${networks * PATH_ENTRY_BYTES} bytes of memory`,
    `${attributes}/${attributes} BGP path/bestpath attribute entries using ${attributes * ATTRIBUTE_ENTRY_BYTES} bytes of memory`,
    `1 BGP AS-PATH entries using ${AS_PATH_ENTRY_BYTES} bytes of memory`,
    '0 BGP route-map cache entries using 0 bytes of memory',
    '0 BGP filter-list cache entries using 0 bytes of memory',
    `BGP using ${totalBytes} total bytes of memory`,
    `BGP activity ${networks}/0 prefixes, ${networks}/0 paths, scan interval 60 secs`,
  ];
}

/** The hub's footer: how many spokes the listen range created, and the range itself. */
function listenRangeLines(listenRange: string, dynamic: number): string[] {
  return [
    '* Dynamically created based on a listen range command',
    `Dynamically created neighbors: ${dynamic}, Subnet ranges: 1`,
    '',
    `BGP peergroup ${LISTEN_RANGE_PEER_GROUP} listen range group members: `,
    `  ${listenRange} `,
    '',
    `Total dynamically created neighbors: ${dynamic}/(${Math.max(DEFAULT_LISTEN_LIMIT, dynamic)} max), Subnet ranges: 1`,
  ];
}

/**
 * Configured neighbors take their `remote-as`; the others came from the listen range and share the hub's AS (an
 * iBGP DMVPN). IOS answers `% BGP not active` on a router without BGP.
 */
export function renderShowIpBgpSummary(state: RouterState, routing: RoutingConfig): string {
  if (routing.protocol !== 'bgp') return '% BGP not active\n';
  const configured = new Map(routing.bgpNeighbors.map((neighbor) => [neighbor.address, neighbor.remoteAs]));
  const peers: BgpPeer[] = state.routingNeighbors
    .filter((view) => view.protocol === 'bgp')
    .map((view) => {
      const remoteAs = configured.get(view.neighbor);
      return { view, dynamic: remoteAs === undefined, remoteAs: remoteAs ?? routing.asn };
    });
  const tableVersion =
    1 +
    routing.networks.length +
    peers.reduce((sum, peer) => sum + (established(peer) ? peer.view.detail : 0), 0);
  const lines = headerLines(state, routing, peers, tableVersion);
  if (peers.length > 0) {
    lines.push('', BGP_COLUMNS);
    for (const peer of peers) lines.push(neighborRow(peer, tableVersion));
  }
  const dynamic = peers.filter((peer) => peer.dynamic).length;
  if (routing.bgpListenRange !== null && dynamic > 0)
    lines.push(...listenRangeLines(routing.bgpListenRange, dynamic));
  return `${lines.join('\n')}\n`;
}
