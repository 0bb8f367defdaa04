// Renders `show crypto ipsec sa [detail]` and `show crypto ipsec sa peer <address>` as IOS-XE prints them for DMVPN:
// per protected tunnel its `interface:` and crypto map lines, then per peer the GRE ident pair, counters, endpoints,
// MTUs and the inbound/outbound SA blocks.

import type { EspSaView, InterfaceView, IpsecPeerView, RouterState } from '../model/state.js';
import { espFlowId, spiText } from './crypto-identifiers.js';

const NO_SPI = '0x0(0)';

/** What the peer blocks of one tunnel share: the `tunnel protection` crypto map and the WAN interface under it. */
interface ProtectedTunnel {
  cryptoMap: string;
  /** `ip mtu 1500, ip mtu idb GigabitEthernet1`; null when the state does not know the tunnel's source. */
  ipMtu: string | null;
}

function protectedTunnel(
  state: RouterState,
  tunnel: InterfaceView | undefined,
  name: string,
): ProtectedTunnel {
  const source = tunnel?.tunnel?.sourceInterface;
  const wan =
    source === undefined ? undefined : state.interfaces.find((candidate) => candidate.name === source);
  return {
    cryptoMap: `${name}-head-0`,
    ipMtu: wan === undefined ? null : `ip mtu ${wan.mtu}, ip mtu idb ${wan.name}`,
  };
}

/** `interface: Tunnel0` and its crypto map (local addr: the tunnel source, or failing that the first peer's). */
function pushInterface(lines: string[], name: string, cryptoMap: string, localAddress: string): void {
  lines.push(`interface: ${name}`, `    Crypto map tag: ${cryptoMap}, local addr ${localAddress}`, '');
}

/** IV size: 8 bytes for GCM and DES ciphers, 16 for AES-CBC. */
function ivSizeBytes(transform: string): number {
  return transform.includes('gcm') || transform.includes('des') ? 8 : 16;
}

/** The SA blocks of `show crypto ipsec sa` and `show crypto ipsec sa address`: spi at 6 columns, the rest at 8. */
export function pushEspSas(lines: string[], sas: readonly EspSaView[], cryptoMap: string): void {
  for (const sa of sas) {
    const settings = sa.mode + (sa.natT ? ' UDP-Encaps' : '');
    const siblingFlags = sa.mode === 'Tunnel' ? 'FFFFFFFF80000048' : 'FFFFFFFF80000008';
    lines.push(
      `      spi: ${spiText(sa.spi)}`,
      `        transform: ${sa.transform} ,`,
      `        in use settings ={${settings}, }`,
      `        conn id: ${sa.connId}, flow_id: ${espFlowId(sa.connId)}, sibling_flags ${siblingFlags}, crypto map: ${cryptoMap}`,
      `        sa timing: remaining key lifetime (k/sec): (${sa.remainingKb}/${sa.remainingSeconds})`,
      `        IV size: ${ivSizeBytes(sa.transform)} bytes`,
      '        replay detection support: Y',
      '        Status: ACTIVE(ACTIVE)',
    );
  }
}

/**
 * The error counters: `#send errors`/`#recv errors`, or in detail IOS-XE's per-cause lines instead: the causes the
 * state names (replay, verify, no SA, invalid SA) on their own lines, the rest of the send and receive errors as
 * encaps and decaps failures, the causes the state does not know as 0.
 */
function errorLines(peer: IpsecPeerView, detail: boolean): string[] {
  if (!detail) return [`    #send errors ${peer.sendErrors}, #recv errors ${peer.recvErrors}`];
  const replay = peer.replayFailed ?? 0;
  const verify = peer.verifyFailed ?? 0;
  const noSa = peer.noSaSend ?? 0;
  const invalidSa = peer.invalidSaRecv ?? 0;
  const encapsFailed = Math.max(0, peer.sendErrors - noSa);
  const decapsFailed = Math.max(0, peer.recvErrors - replay - verify - invalidSa);
  return [
    `    #pkts no sa (send) ${noSa}, #pkts invalid sa (rcv) ${invalidSa}`,
    `    #pkts encaps failed (send) ${encapsFailed}, #pkts decaps failed (rcv) ${decapsFailed}`,
    `    #pkts invalid prot (recv) 0, #pkts verify failed: ${verify}`,
    '    #pkts invalid identity (recv) 0, #pkts invalid len (rcv) 0',
    '    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0',
    `    ##pkts replay failed (rcv): ${replay}`,
    '    #pkts tagged (send): 0, #pkts untagged (rcv): 0',
    '    #pkts not tagged (send): 0, #pkts not untagged (rcv): 0',
    '    #pkts internal err (send): 0, #pkts internal err (recv) 0',
  ];
}

/** One `current_peer` block; a peer with no SA yet prints `current outbound spi: 0x0(0)` and empty SA blocks. */
function pushPeer(lines: string[], peer: IpsecPeerView, tunnel: ProtectedTunnel, detail: boolean): void {
  const encaps = peer.pktsEncaps;
  const decaps = peer.pktsDecaps;
  const mtus = `plaintext mtu ${peer.plaintextMtu}, path mtu ${peer.pathMtu}`;
  const current = peer.outbound[peer.outbound.length - 1];
  lines.push(
    '   protected vrf: (none)',
    `   local  ident (addr/mask/prot/port): (${peer.local}/255.255.255.255/47/0)`,
    `   remote ident (addr/mask/prot/port): (${peer.remote}/255.255.255.255/47/0)`,
    `   current_peer ${peer.remote} port ${peer.remotePort}`,
    '     PERMIT, flags={origin_is_acl,}',
    `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest: ${encaps}`,
    `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify: ${decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0',
    '    #pkts not compressed: 0, #pkts compr. failed: 0',
    '    #pkts not decompressed: 0, #pkts decompress failed: 0',
    ...errorLines(peer, detail),
    '',
    `     local crypto endpt.: ${peer.local}, remote crypto endpt.: ${peer.remote}`,
    `     ${tunnel.ipMtu === null ? mtus : `${mtus}, ${tunnel.ipMtu}`}`,
    `     current outbound spi: ${current === undefined ? NO_SPI : spiText(current.spi)}`,
    `     PFS (Y/N): ${peer.pfs ? `Y, DH group: group${peer.dhGroup}` : 'N, DH group: none'}`,
    '',
    '     inbound esp sas:',
  );
  pushEspSas(lines, peer.inbound, tunnel.cryptoMap);
  lines.push('', '     inbound ah sas:', '', '     inbound pcp sas:', '', '     outbound esp sas:');
  pushEspSas(lines, peer.outbound, tunnel.cryptoMap);
  lines.push('', '     outbound ah sas:', '', '     outbound pcp sas:', '');
}

/**
 * Every protected tunnel prints its interface lines, with or without peers; the peers follow in the state's order,
 * grouped under their tunnel. `peer` keeps the blocks of that remote address only (and the tunnels that have one);
 * IOS prints nothing at all for a peer it has no SA with.
 */
export function renderShowCryptoIpsecSa(state: RouterState, detail = false, peer?: string): string {
  const peersByTunnel = new Map<string, IpsecPeerView[]>();
  for (const view of state.ipsecSas) {
    if (peer !== undefined && view.remote !== peer) continue;
    const peers = peersByTunnel.get(view.interface);
    if (peers) peers.push(view);
    else peersByTunnel.set(view.interface, [view]);
  }
  if (peer !== undefined && peersByTunnel.size === 0) return '';
  if (peer === undefined)
    for (const candidate of state.interfaces)
      if (candidate.tunnel?.protectionProfile && !peersByTunnel.has(candidate.name))
        peersByTunnel.set(candidate.name, []);
  const lines = [''];
  for (const [name, peers] of peersByTunnel) {
    const tunnelView = state.interfaces.find((candidate) => candidate.name === name);
    const tunnel = protectedTunnel(state, tunnelView, name);
    const localAddress = tunnelView?.tunnel?.source ?? peers[0]!.local;
    pushInterface(lines, name, tunnel.cryptoMap, localAddress);
    for (const view of peers) pushPeer(lines, view, tunnel, detail);
  }
  return `${lines.join('\n')}\n`;
}

/** `show crypto ipsec sa count`: every ESP SA, inbound and outbound; the lab's SAs are all active. */
export function renderShowCryptoIpsecSaCount(state: RouterState): string {
  let total = 0;
  for (const peer of state.ipsecSas) total += peer.inbound.length + peer.outbound.length;
  return `IPsec SA total: ${total}, active: ${total}, rekeying: 0, unused: 0, invalid: 0\n`;
}
