// Hand-built router states for the crypto renderers' tests: a hub whose spokes cycle through the crypto conditions
// the lab produces (healthy, NATed, no answer, PSK mismatch, IKE without IPsec, mid-rekey, IPsec without IKE, down),
// and a spoke with SAs to its hub and to two other spokes.

import type {
  CryptoSessionView,
  EspSaView,
  IkeSaView,
  InterfaceView,
  IpsecPeerView,
  RouterState,
} from '../model/state.js';
import { hubNbma, spokePublicNbma } from '../network/addressing.js';

export const HUB_NBMA = hubNbma(1);
export const SPOKE_NBMA = spokePublicNbma(5);
export const LOWER_SPOKE_NBMA = spokePublicNbma(2);
export const HIGHER_SPOKE_NBMA = spokePublicNbma(9);
const TUNNEL = 'Tunnel0';
const WAN = 'GigabitEthernet1';

export type IkeVersion = 'v1' | 'v2';

/** What one spoke's crypto looks like from the hub (and the rows each condition gives the state). */
export const SPOKE_CONDITIONS = [
  'healthy',
  'nat',
  'no-answer',
  'psk-mismatch',
  'ike-only',
  'rekeying',
  'ipsec-only',
  'down',
] as const;
export type SpokeCondition = (typeof SPOKE_CONDITIONS)[number];

/** Up times that IOS prints exactly (`00:04:12`, `1d02h`, `3w5d`, `23:59:59`, `1w0d`). */
export const UPTIMES = [252, 93_600, 2_246_400, 86_399, 604_800];

function interfaces(source: string): InterfaceView[] {
  const common = {
    adminUp: true,
    operUp: true,
    bandwidthKbps: 100,
    lastInputSeconds: 0,
    lastOutputSeconds: 0,
    inPackets: 0,
    inBytes: 0,
    outPackets: 0,
    outBytes: 0,
    inErrors: 0,
    outErrors: 0,
  };
  return [
    { ...common, name: WAN, address: source, mask: '255.255.255.0', mtu: 1500, tunnel: null },
    {
      ...common,
      name: TUNNEL,
      address: '10.0.0.1',
      mask: '255.255.0.0',
      mtu: 1400,
      tunnel: {
        source,
        sourceInterface: WAN,
        destination: null,
        mode: 'multi-GRE/IP',
        key: 100,
        protectionProfile: 'DMVPN-PROFILE',
        transportMtu: 1500,
        linestateDownReason: null,
      },
    },
  ];
}

/** An IKE SA up with the lab's policy (AES-256, SHA-256, group 14, PSK), `overrides` aside. */
export function ikeSa(
  version: IkeVersion,
  local: string,
  remote: string,
  connId: number,
  overrides: Partial<IkeSaView> = {},
): IkeSaView {
  const v1 = version === 'v1';
  return {
    version,
    local,
    remote,
    localPort: 500,
    remotePort: 500,
    state: v1 ? 'QM_IDLE' : 'READY',
    status: v1 ? 'ACTIVE' : 'READY',
    connId,
    encryption: v1 ? 'aes' : 'AES-CBC',
    keySize: 256,
    hash: v1 ? 'sha256' : 'SHA256',
    dhGroup: 14,
    auth: v1 ? 'psk' : 'PSK',
    lifetimeSeconds: 86_400,
    activeSeconds: (connId * 37) % 80_000,
    natT: false,
    ...overrides,
  };
}

function espSa(spi: number, connId: number, natT: boolean): EspSaView {
  return {
    spi,
    transform: 'esp-256-aes esp-sha256-hmac',
    mode: 'Transport',
    natT,
    connId,
    remainingKb: 4_607_999 - (connId % 1000),
    remainingSeconds: 3120 - (connId % 3000),
  };
}

function ipsecPeer(local: string, remote: string, overrides: Partial<IpsecPeerView> = {}): IpsecPeerView {
  return {
    interface: TUNNEL,
    local,
    remote,
    remotePort: 500,
    pktsEncaps: 0,
    pktsDecaps: 0,
    sendErrors: 0,
    recvErrors: 0,
    pfs: false,
    dhGroup: null,
    pathMtu: 1500,
    plaintextMtu: 1438,
    inbound: [],
    outbound: [],
    ...overrides,
  };
}

function session(peer: string, overrides: Partial<CryptoSessionView>): CryptoSessionView {
  return {
    interface: TUNNEL,
    peer,
    port: 500,
    status: 'UP-ACTIVE',
    uptimeSeconds: null,
    ikeActive: true,
    activeSas: 0,
    pktsDecrypted: 0,
    pktsEncrypted: 0,
    ...overrides,
  };
}

/** The two SAs of a working peer, numbered from `base` (conn ids 2000 up, SPIs spread over 32 bits). */
function espPair(base: number, natT: boolean): { inbound: EspSaView[]; outbound: EspSaView[] } {
  const spi = (Math.imul(base, 0x9e3779b1) | 0x1000) >>> 0;
  return {
    inbound: [espSa((spi ^ 0x5a5a5a5a) >>> 0, 2000 + 2 * base - 1, natT)],
    outbound: [espSa(spi, 2000 + 2 * base, natT)],
  };
}

interface PeerRows {
  ike: IkeSaView[];
  ipsec: IpsecPeerView;
  session: CryptoSessionView;
}

/** The rows a router holds for one peer in the given condition. */
function peerRows(
  version: IkeVersion,
  local: string,
  remote: string,
  index: number,
  condition: SpokeCondition,
): PeerRows {
  const v1 = version === 'v1';
  const connId = 1000 + index;
  const uptimeSeconds = UPTIMES[index % UPTIMES.length]!;
  const traffic = { pktsEncaps: 1000 + index * 13, pktsDecaps: 990 + index * 11 };
  const up = { uptimeSeconds, pktsEncrypted: traffic.pktsEncaps, pktsDecrypted: traffic.pktsDecaps };
  const notNegotiated = { encryption: null, keySize: null, hash: null, dhGroup: null, auth: null };
  switch (condition) {
    case 'healthy':
      return {
        ike: [ikeSa(version, local, remote, connId)],
        ipsec: ipsecPeer(local, remote, { ...traffic, ...espPair(index, false) }),
        session: session(remote, { ...up, activeSas: 2 }),
      };
    case 'nat':
      return {
        ike: [ikeSa(version, local, remote, connId, { localPort: 4500, remotePort: 4500, natT: true })],
        ipsec: ipsecPeer(local, remote, { ...traffic, remotePort: 4500, ...espPair(index, true) }),
        session: session(remote, { ...up, port: 4500, activeSas: 2 }),
      };
    case 'no-answer':
      return {
        ike: [
          ikeSa(version, local, remote, connId, {
            ...notNegotiated,
            state: v1 ? 'MM_NO_STATE' : 'IN-NEG',
            status: v1 ? 'ACTIVE' : 'IN-NEG',
            activeSeconds: 0,
          }),
        ],
        ipsec: ipsecPeer(local, remote, { pktsEncaps: 0, sendErrors: 7 }),
        session: session(remote, { status: 'DOWN-NEGOTIATING', ikeActive: false }),
      };
    case 'psk-mismatch':
      return {
        ike: [
          ikeSa(version, local, remote, connId, {
            state: v1 ? 'MM_KEY_EXCH' : 'IN-NEG',
            status: v1 ? 'ACTIVE' : 'IN-NEG',
            activeSeconds: 12,
          }),
        ],
        ipsec: ipsecPeer(local, remote),
        session: session(remote, { status: 'DOWN-NEGOTIATING', ikeActive: false }),
      };
    case 'ike-only':
      return {
        ike: [ikeSa(version, local, remote, connId)],
        ipsec: ipsecPeer(local, remote, { recvErrors: 3 }),
        session: session(remote, { status: 'UP-IDLE', uptimeSeconds }),
      };
    case 'rekeying': {
      const [older, newer] = [espPair(index, false), espPair(index + 100_000, false)];
      const deleted = v1
        ? { ...notNegotiated, state: 'MM_NO_STATE', status: 'ACTIVE (deleted)' }
        : { state: 'DELETE', status: 'DELETE' };
      return {
        ike: [ikeSa(version, local, remote, connId + 50_000, deleted), ikeSa(version, local, remote, connId)],
        ipsec: ipsecPeer(local, remote, {
          pktsEncaps: 5_000_000_000 + index,
          pktsDecaps: 4_294_967_296 + index,
          pfs: true,
          dhGroup: 14,
          inbound: [...older.inbound, ...newer.inbound],
          outbound: [...older.outbound, ...newer.outbound],
        }),
        session: session(remote, {
          uptimeSeconds,
          activeSas: 4,
          pktsEncrypted: 5_000_000_000 + index,
          pktsDecrypted: 4_294_967_296 + index,
        }),
      };
    }
    case 'ipsec-only':
      return {
        ike: [],
        ipsec: ipsecPeer(local, remote, { ...traffic, ...espPair(index, false) }),
        session: session(remote, { ...up, status: 'UP-NO-IKE', ikeActive: false, activeSas: 2 }),
      };
    case 'down':
      return {
        ike: [],
        ipsec: ipsecPeer(local, remote),
        session: session(remote, { status: 'DOWN', ikeActive: false }),
      };
  }
}

/** A router with its WAN and protected Tunnel0 interfaces and no crypto state yet. */
export function routerState(hostname: string, role: 'hub' | 'spoke', source: string): RouterState {
  return {
    hostname,
    role,
    atSeconds: 3_000_000,
    uptimeSeconds: 3_000_000,
    interfaces: interfaces(source),
    dmvpn: [],
    nhrpCache: [],
    nhs: [],
    nhrpTraffic: [],
    ikeSas: [],
    ipsecSas: [],
    cryptoSessions: [],
    routingNeighbors: [],
    logs: [],
  };
}

function addPeer(state: RouterState, rows: PeerRows): void {
  state.ikeSas.push(...rows.ike);
  state.ipsecSas.push(rows.ipsec);
  state.cryptoSessions.push(rows.session);
}

/** hub1 with `spokes` spokes, spoke N in condition `conditions[(N - 1) % conditions.length]`. */
export function cryptoHub(
  spokes: number,
  version: IkeVersion,
  conditions: readonly SpokeCondition[] = SPOKE_CONDITIONS,
): RouterState {
  const state = routerState('hub1', 'hub', HUB_NBMA);
  for (let spoke = 1; spoke <= spokes; spoke++) {
    const condition = conditions[(spoke - 1) % conditions.length]!;
    addPeer(state, peerRows(version, HUB_NBMA, spokePublicNbma(spoke), spoke, condition));
  }
  return state;
}

/** The spoke's condition towards each of its peers, by peer NBMA address. */
export const SPOKE_PEERS: readonly [string, SpokeCondition][] = [
  [HUB_NBMA, 'healthy'],
  [LOWER_SPOKE_NBMA, 'healthy'],
  [HIGHER_SPOKE_NBMA, 'nat'],
];

/** spoke5, registered with hub1 and with shortcut SAs to a spoke below and a spoke above its own address. */
export function cryptoSpoke(version: IkeVersion): RouterState {
  const state = routerState('spoke5', 'spoke', SPOKE_NBMA);
  state.nhs.push({
    interface: TUNNEL,
    nhs: '10.0.0.1',
    nbma: HUB_NBMA,
    flags: 'RE',
    priority: 0,
    cluster: 0,
    reqSent: 10,
    reqFailed: 0,
    replRecv: 10,
    lastReplySecondsAgo: 5,
  });
  SPOKE_PEERS.forEach(([peer, condition], index) =>
    addPeer(state, peerRows(version, SPOKE_NBMA, peer, index + 1, condition)),
  );
  return state;
}
