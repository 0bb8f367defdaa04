// Spoke-to-spoke tunnels in phase 2 and 3: a few deterministic spoke pairs exchange traffic. Phase 2 spokes resolve
// each other at once (their routes name the other spoke); phase 3 spokes do it when the hub's Traffic Indication
// arrives (`ip nhrp redirect`) and install the shortcut only with `ip nhrp shortcut` (DT1/DT2, rib/nho). The
// dynamic tunnel needs its own IKE, IPsec and NHRP agreement between the two spokes.

import type { RouterConfig, TunnelInterfaceConfig } from '../model/config.js';
import type {
  CryptoSessionView,
  DmvpnPeerView,
  IkeSaView,
  IpsecPeerView,
  NhrpCacheView,
} from '../model/state.js';
import { spokeName } from '../network/addressing.js';
import { maskLength, networkOf } from './address.js';
import { spokeRate, PACKET_BYTES } from './counters.js';
import { connIdOf } from './crypto-views.js';
import type { IkeAgreement, IkeFailure } from './ike.js';
import { ikeLifetime, ikeSaView, negotiateIke } from './ike.js';
import type { IpsecAgreement } from './ipsec.js';
import { espSaView, negotiateIpsec, plaintextMtu, protectionOf, rekeyPeriod, spiOf } from './ipsec.js';
import type { LogEntry } from './logs.js';
import { texts } from './logs.js';
import { registrationInterval } from './nhrp.js';
import type { PairReader } from './pair-views.js';
import { SHORTCUT_SETUP } from './timing.js';
import type { Topology } from './topology.js';
import { blocked } from './underlay.js';

/**
 * The spoke a spoke exchanges traffic with, or null: spokes 2k+1 and 2k+2 form a pair, one pair in five (which five
 * depends on the seed). None in phase 1.
 */
export function trafficPartner(
  options: { phase: number; seed: number; spokes: number },
  spoke: number,
): number | null {
  if (options.phase === 1 || spoke < 1) return null;
  const group = Math.floor((spoke - 1) / 2);
  if (group % 5 !== options.seed % 5) return null;
  const partner = spoke % 2 === 1 ? spoke + 1 : spoke - 1;
  return partner <= options.spokes ? partner : null;
}

type Layer = 'UP' | 'IKE' | 'IPSEC' | 'NHRP';

interface DirectPath {
  layer: Layer;
  protected: boolean;
  natT: boolean;
  ike: IkeAgreement | null;
  ipsec: IpsecAgreement | null;
  /** Layer `IKE` after the first packet left: how far each spoke got (its SA state while it retries). */
  ikeFailure?: IkeFailure;
}

/** Whether the two spokes can build the dynamic tunnel, layer by layer (the first spoke initiates). */
function directPath(
  topology: Topology,
  a: RouterConfig,
  aTunnel: TunnelInterfaceConfig,
  b: RouterConfig,
  bTunnel: TunnelInterfaceConfig,
): DirectPath {
  const natT = topology.behindNat(a) || topology.behindNat(b);
  const aProtected = protectionOf(a, aTunnel) !== null;
  const bProtected = protectionOf(b, bTunnel) !== null;
  const base = { protected: aProtected, natT, ike: null, ipsec: null };
  if (aProtected !== bProtected) return { ...base, layer: aProtected ? 'IKE' : 'NHRP' };
  // Two spokes each behind PAT cannot reach each other directly: traffic stays on the hub path.
  if (topology.behindNat(a) && topology.behindNat(b)) return { ...base, layer: aProtected ? 'IKE' : 'NHRP' };
  const reach = (from: string, to: string, protocol: 'udp500' | 'udp4500' | 'esp' | 'gre'): boolean =>
    !blocked(topology, from, to, protocol);
  let ike: IkeAgreement | null = null;
  let ipsec: IpsecAgreement | null = null;
  let data: 'udp4500' | 'esp' | 'gre' = 'gre';
  if (aProtected) {
    const outcome = negotiateIke(a, b, {
      initiatorAddress: topology.publicAddress(a),
      responderAddress: topology.publicAddress(b),
      natT,
      udp500: {
        there: reach(a.hostname, b.hostname, 'udp500'),
        back: reach(b.hostname, a.hostname, 'udp500'),
      },
      udp4500: {
        there: reach(a.hostname, b.hostname, 'udp4500'),
        back: reach(b.hostname, a.hostname, 'udp4500'),
      },
    });
    if (!outcome.ok) return { ...base, layer: 'IKE', ikeFailure: outcome.failure };
    ike = outcome.agreement;
    const phase2 = negotiateIpsec(a, aTunnel, b, bTunnel);
    if (!phase2.ok) return { ...base, layer: 'IPSEC', ike };
    ipsec = phase2.agreement;
    data = natT ? 'udp4500' : 'esp';
  }
  const nhrpAgrees =
    aTunnel.key === bTunnel.key &&
    aTunnel.nhrp.authentication === bTunnel.nhrp.authentication &&
    reach(a.hostname, b.hostname, data) &&
    reach(b.hostname, a.hostname, data);
  return { ...base, layer: nhrpAgrees ? 'UP' : 'NHRP', ike, ipsec };
}

/** What one spoke shows and counts for its dynamic tunnel to the other. */
export interface ShortcutSide {
  dmvpn: DmvpnPeerView;
  cache: NhrpCacheView[];
  ike: IkeSaView[];
  ipsec: IpsecPeerView | null;
  session: CryptoSessionView | null;
  logs: LogEntry[];
  counters: Record<string, number>;
  /** Packets through the tunnel interface (for `show interfaces`). */
  sent: number;
  received: number;
}

export interface Shortcut {
  /** The two spokes in order (lower number first) and their sides. */
  spokes: [RouterConfig, RouterConfig];
  sides: [ShortcutSide, ShortcutSide];
  /** The hub that carried the first packets, and the Traffic Indications it sent (phase 3). */
  hub: RouterConfig;
  hubCounters: Record<string, number>;
}

function lanPrefix(router: RouterConfig): string {
  return `${networkOf(router.lan.address, router.lan.mask)}/${maskLength(router.lan.mask)}`;
}

/**
 * The dynamic tunnel between two partner spokes at `at`, or null when there is none: both must be registered with a
 * common hub, and the hub (phase 3) or the routes (phase 2) must send them to each other.
 */
export function shortcutBetween(
  topology: Topology,
  readers: (spoke: RouterConfig) => PairReader[],
  a: RouterConfig,
  b: RouterConfig,
  at: number,
): Shortcut | null {
  const options = topology.network.options;
  const aReaders = readers(a);
  const bReaders = readers(b);
  let hub: RouterConfig | null = null;
  let since = 0;
  for (const aReader of aReaders) {
    const hubRouter = aReader.history.conditions.pair.hub;
    const bReader = bReaders.find((reader) => reader.history.conditions.pair.hub === hubRouter);
    if (!hubRouter || !bReader || !aReader.linkUp || !bReader.linkUp) continue;
    hub = hubRouter;
    since = Math.max(aReader.upSince(), bReader.upSince());
    break;
  }
  if (!hub) return null;
  const aTunnel = aReaders[0]!.history.conditions.pair.spokeTunnel;
  const bTunnel = bReaders[0]!.history.conditions.pair.spokeTunnel;
  const hubTunnel = aReaders.find((reader) => reader.history.conditions.pair.hub === hub)!.history.conditions
    .pair.hubTunnel!;
  if (aTunnel.mode !== 'gre multipoint' || bTunnel.mode !== 'gre multipoint') return null;
  const phase3 = options.phase === 3;
  const triggered = phase3 ? hubTunnel.nhrp.redirect : routesNameSpokes(hub, hubTunnel, aTunnel);
  if (!triggered) return null;
  const start = since + SHORTCUT_SETUP;
  if (at < start) return null;
  const path = directPath(topology, a, aTunnel, b, bTunnel);
  const key = 1_000_000 + Math.min(topology.number(a), topology.number(b));
  const context = { topology, path, start, at, phase3, key };
  const sides: [ShortcutSide, ShortcutSide] = [
    shortcutSide(context, a, aTunnel, b, bTunnel, 0),
    shortcutSide(context, b, bTunnel, a, aTunnel, 1),
  ];
  // Each direction's resolutions reach the other spoke, which answers them.
  for (const [index, side] of sides.entries()) {
    const other = sides[1 - index]!;
    side.counters.res_req_rcvd = other.counters.res_req_sent ?? 0;
    side.counters.res_reply_sent = path.layer === 'UP' ? side.counters.res_req_rcvd : 0;
  }
  return {
    spokes: [a, b],
    sides,
    hub,
    hubCounters: phase3 ? { traffic_ind_sent: 2 } : {},
  };
}

/** Phase 2: the spokes' routes to each other's LAN keep the other spoke as next hop. */
function routesNameSpokes(
  hub: RouterConfig,
  hubTunnel: TunnelInterfaceConfig,
  spokeTunnel: TunnelInterfaceConfig,
): boolean {
  if (hub.routing.protocol === 'eigrp') return !hubTunnel.eigrpNextHopSelf && !hubTunnel.eigrpSplitHorizon;
  if (hub.routing.protocol === 'ospf') return spokeTunnel.ospfNetwork === 'broadcast';
  return hub.routing.bgpNextHopSelf !== true;
}

interface SideContext {
  topology: Topology;
  path: DirectPath;
  start: number;
  at: number;
  phase3: boolean;
  key: number;
}

function shortcutSide(
  context: SideContext,
  self: RouterConfig,
  tunnel: TunnelInterfaceConfig,
  peer: RouterConfig,
  peerTunnel: TunnelInterfaceConfig,
  index: 0 | 1,
): ShortcutSide {
  const { topology, path, start, at, phase3, key } = context;
  const peerNbma = topology.publicAddress(peer);
  const up = path.layer === 'UP';
  const installs = !phase3 || tunnel.nhrp.shortcut;
  const age = at - start;
  const peerLan = lanPrefix(peer);
  const withRoutes = phase3 && tunnel.nhrp.shortcut && up;
  const dmvpn: DmvpnPeerView = {
    nbma: peerNbma,
    tunnelAddresses: withRoutes ? [peerTunnel.address, peerTunnel.address] : [peerTunnel.address],
    state: path.layer,
    upDownSeconds: up ? age : null,
    attrs: withRoutes ? ['DT1', 'DT2'] : ['D'],
    targetNetworks: withRoutes ? [`${peerTunnel.address}/32`, peerLan] : [`${peerTunnel.address}/32`],
  };
  const interval = registrationInterval(tunnel);
  const expires = Math.max(1, tunnel.nhrp.holdtimeSeconds - (age % interval));
  const entry = (target: string, flags: string[]): NhrpCacheView => ({
    interface: tunnel.name,
    target,
    via: peerTunnel.address,
    createdSeconds: age,
    expiresSeconds: expires,
    type: 'dynamic',
    flags,
    nbma: peerNbma,
    claimedNbma: topology.behindNat(peer) ? peer.wan.address : null,
    noSocket: path.protected && !up,
  });
  const cache = [
    entry(
      `${peerTunnel.address}/32`,
      phase3 ? (withRoutes ? ['router', 'nhop', 'rib'] : ['router', 'nhop']) : ['router', 'used', 'nhop'],
    ),
  ];
  if (withRoutes) cache.push(entry(peerLan, ['router', 'rib', 'nho']));
  const resolutions = 1 + Math.floor(age / interval);
  const counters: Record<string, number> = {
    res_req_sent: resolutions,
    res_reply_rcvd: up ? resolutions : 0,
  };
  if (phase3) counters.traffic_ind_rcvd = 1;
  const logs: LogEntry[] = [];
  const local = self.wan.address;
  const ikeUp = path.layer === 'UP' || path.layer === 'IPSEC' || (path.layer === 'NHRP' && path.ike !== null);
  const ike: IkeSaView[] = [];
  let ipsec: IpsecPeerView | null = null;
  let session: CryptoSessionView | null = null;
  const natT = path.natT;
  const rate = 0.4 * spokeRate(topology.network.options.seed, key + index);
  const otherRate = 0.4 * spokeRate(topology.network.options.seed, key + 1 - index);
  const sent = Math.floor((installs ? rate : 0.02) * age);
  const otherInstalls = !phase3 || peerTunnel.nhrp.shortcut;
  const received = up ? Math.floor((otherInstalls ? otherRate : 0.02) * age) : 0;
  if (path.protected && ikeUp && path.ike) {
    const lifetime = ikeLifetime(self, path.ike);
    const connId = connIdOf(key, index);
    ike.push(
      ikeSaView({
        version: self.ikeVersion,
        local,
        remote: peerNbma,
        natT,
        state: self.ikeVersion === 'v1' ? 'QM_IDLE' : 'READY',
        connId,
        agreement: path.ike,
        lifetimeSeconds: lifetime,
        activeSeconds: (age + 1) % lifetime,
      }),
    );
    const agreement = path.ipsec;
    ipsec = {
      interface: tunnel.name,
      local,
      remote: peerNbma,
      remotePort: natT ? 4500 : 500,
      pktsEncaps: up ? sent : 0,
      pktsDecaps: received,
      sendErrors: 0,
      recvErrors: 0,
      pfs: agreement?.pfsGroup !== null && agreement?.pfsGroup !== undefined,
      dhGroup: agreement?.pfsGroup ?? null,
      pathMtu: self.wan.mtu,
      plaintextMtu: plaintextMtu(self.wan.mtu, agreement?.mode ?? 'Transport', natT),
      inbound: [],
      outbound: [],
    };
    if (up && agreement) {
      const rekey = rekeyPeriod(agreement.lifetimeSeconds);
      const generation = Math.floor(age / rekey);
      const generationAge = age - generation * rekey;
      const seed = topology.network.options.seed;
      const kilobytes = (generationAge * (rate + otherRate) * PACKET_BYTES) / 1024;
      const sa = (direction: 0 | 1, id: number) =>
        espSaView({
          spi: spiOf(key, direction, generation, seed),
          agreement,
          natT,
          connId: id,
          ageSeconds: generationAge,
          kilobytes,
        });
      ipsec.inbound.push(sa(index === 0 ? 1 : 0, connId + 1000 + 2 * generation));
      ipsec.outbound.push(sa(index === 0 ? 0 : 1, connId + 1001 + 2 * generation));
      logs.push({ t: start, text: () => texts.cryptoSocket(tunnel.name, local, peerNbma, true) });
    }
    session = {
      interface: tunnel.name,
      peer: peerNbma,
      port: natT ? 4500 : 500,
      status: up ? 'UP-ACTIVE' : 'UP-IDLE',
      uptimeSeconds: age,
      ikeActive: true,
      activeSas: ipsec.inbound.length + ipsec.outbound.length,
      pktsDecrypted: ipsec.pktsDecaps,
      pktsEncrypted: ipsec.pktsEncaps,
    };
  }
  if (path.ikeFailure) {
    const negotiating = negotiatingRows(self, tunnel.name, peerNbma, path.ikeFailure, index, key);
    ike.push(...negotiating.ike);
    session = negotiating.session;
  }
  if (up)
    logs.push({
      t: start + 1,
      text: () =>
        texts.nhpUp({
          interface: tunnel.name,
          peerTunnel: peerTunnel.address,
          peerNbma,
          localTunnel: tunnel.address,
          localNbma: local,
        }),
    });
  return { dmvpn, cache, ike, ipsec, session, logs, counters, sent: up ? sent : 0, received };
}

/**
 * A direct IKE negotiation that never completes: the initiator (the first spoke) keeps retrying in its state, the
 * responder keeps the SA it created when its answers are lost; each shows the peer DOWN-NEGOTIATING.
 */
function negotiatingRows(
  self: RouterConfig,
  interfaceName: string,
  peerNbma: string,
  failure: IkeFailure,
  index: 0 | 1,
  key: number,
): { ike: IkeSaView[]; session: CryptoSessionView | null } {
  const state = index === 0 ? failure.initiatorState : failure.responderState;
  if (state === null) return { ike: [], session: null };
  const row = ikeSaView({
    version: self.ikeVersion,
    local: self.wan.address,
    remote: peerNbma,
    natT: false,
    state,
    connId: state === 'MM_NO_STATE' ? 0 : connIdOf(key, 10_000 + index),
    agreement: null,
    lifetimeSeconds: self.ikeVersion === 'v2' ? (self.ikev2?.profile.lifetimeSeconds ?? 86_400) : 86_400,
    activeSeconds: 0,
  });
  const session: CryptoSessionView = {
    interface: interfaceName,
    peer: peerNbma,
    port: 500,
    status: 'DOWN-NEGOTIATING',
    uptimeSeconds: null,
    ikeActive: false,
    activeSas: 0,
    pktsDecrypted: 0,
    pktsEncrypted: 0,
  };
  return { ike: [row], session };
}

/** The partner router of a spoke, or null. */
export function partnerOf(topology: Topology, spoke: RouterConfig): RouterConfig | null {
  if (spoke.role !== 'spoke') return null;
  const partner = trafficPartner(topology.network.options, topology.number(spoke));
  return partner === null ? null : (topology.routers.get(spokeName(partner)) ?? null);
}
