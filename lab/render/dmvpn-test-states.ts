// Router states the DMVPN and NHRP renderer tests print: a hub with spokes in every state, a phase 3 spoke, and a
// hub of any size. Test support only.

import type {
  DmvpnPeerView,
  InterfaceView,
  NhrpCacheView,
  NhrpTrafficView,
  PeerState,
  RouterState,
} from '../model/state.js';

const DAY = 86_400;
const WEEK = 604_800;
const YEAR = 31_536_000;

/** The seconds a printed IOS duration still holds: `1d02h` drops minutes, `3w5d` hours, `1y10w` days. */
export function asShown(seconds: number | null): number | null {
  if (seconds === null) return null;
  const unit = seconds < DAY ? 1 : seconds < WEEK ? 3_600 : seconds < YEAR ? DAY : WEEK;
  const whole = Math.floor(seconds);
  return seconds < YEAR ? whole - (whole % unit) : whole - ((whole % YEAR) % WEEK);
}

export function emptyState(hostname: string, role: RouterState['role']): RouterState {
  return {
    hostname,
    role,
    atSeconds: 0,
    uptimeSeconds: 0,
    interfaces: [],
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

export function tunnelInterface(
  name: string,
  address: string,
  source: string,
  protection: string | null,
): InterfaceView {
  return {
    name,
    adminUp: true,
    operUp: true,
    address,
    mask: '255.255.255.0',
    mtu: 1400,
    bandwidthKbps: 100,
    lastInputSeconds: 0,
    lastOutputSeconds: 0,
    inPackets: 0,
    inBytes: 0,
    outPackets: 0,
    outBytes: 0,
    inErrors: 0,
    outErrors: 0,
    tunnel: {
      source,
      sourceInterface: 'GigabitEthernet1',
      destination: null,
      mode: 'multi-GRE/IP',
      key: null,
      protectionProfile: protection,
      transportMtu: 1476,
      linestateDownReason: null,
    },
  };
}

export function peer(
  nbma: string,
  tunnelAddresses: string[],
  state: PeerState,
  upDownSeconds: number | null,
  attrs: string[],
  targetNetworks: string[] = tunnelAddresses.map((address) => `${address}/32`),
): DmvpnPeerView {
  return { nbma, tunnelAddresses, state, upDownSeconds, attrs, targetNetworks };
}

export function cacheEntry(entry: Partial<NhrpCacheView> & Pick<NhrpCacheView, 'target'>): NhrpCacheView {
  return {
    interface: 'Tunnel0',
    via: entry.target.split('/')[0]!,
    createdSeconds: 0,
    expiresSeconds: null,
    type: 'dynamic',
    flags: [],
    nbma: null,
    claimedNbma: null,
    noSocket: false,
    ...entry,
  };
}

function traffic(spokes: number): NhrpTrafficView {
  const registrations = spokes * 1_000_003;
  return {
    interface: 'Tunnel0',
    maxSendPackets: 10_000,
    maxSendIntervalSeconds: 10,
    usagePercent: 7,
    counters: {
      res_req_sent: 12,
      res_reply_sent: 4_294_967_295,
      reg_reply_sent: registrations,
      traffic_ind_sent: 88,
      redirect_supp_sent: 1,
      res_req_rcvd: 3,
      reg_req_rcvd: registrations + 5,
      purge_req_rcvd: 2,
      err_ind_rcvd: 6,
    },
  };
}

/**
 * hub1: Tunnel0 with spokes in every state and age (a PAT address hiding two spokes, a NATed one, an `UNKNOWN` one
 * that registered with a bad key, one never up), and Tunnel1, shut down, with no peer.
 */
export function mixedHubState(): RouterState {
  const state = emptyState('hub1', 'hub');
  state.interfaces = [
    tunnelInterface('Tunnel0', '10.0.0.1', '192.0.2.1', 'DMVPN-PROF'),
    { ...tunnelInterface('Tunnel1', '10.1.0.1', '192.0.2.1', null), adminUp: false, operUp: false },
  ];
  state.dmvpn = [
    {
      interface: 'Tunnel0',
      type: 'Hub',
      peers: [
        peer('198.51.100.2', ['10.0.0.2'], 'UP', 252, ['D']),
        peer('198.51.100.6', ['10.0.0.3', '10.0.0.4'], 'UP', 94_000, ['D', 'D']),
        peer('203.0.113.77', ['10.0.0.5'], 'NHRP', 2_250_000, ['DN']),
        peer('198.51.100.10', ['10.0.0.6'], 'IKE', 37_600_000, ['D']),
        peer('198.51.100.14', ['10.0.0.7'], 'IPSEC', 59, ['DX']),
        peer('UNKNOWN', ['10.0.0.8'], 'IKE', null, ['IX']),
        peer('198.51.100.18', ['10.0.0.9'], 'DOWN', 86_399, ['D']),
        peer('198.51.100.22', ['10.0.0.10'], 'INTF', 604_800, ['D']),
      ],
    },
    { interface: 'Tunnel1', type: 'Hub', peers: [] },
  ];
  state.nhrpCache = [
    cacheEntry({
      target: '10.0.0.2/32',
      createdSeconds: 252,
      expiresSeconds: 7_000,
      flags: ['unique', 'registered', 'used', 'nhop'],
      nbma: '198.51.100.2',
    }),
    cacheEntry({
      target: '10.0.0.5/32',
      createdSeconds: 2_250_000,
      expiresSeconds: 59,
      flags: ['registered', 'nhop'],
      nbma: '203.0.113.77',
      claimedNbma: '192.168.50.2',
    }),
    cacheEntry({
      target: '10.0.0.8/32',
      via: null,
      createdSeconds: 5,
      expiresSeconds: 175,
      type: 'incomplete',
      flags: ['negative'],
    }),
    cacheEntry({
      interface: 'Tunnel1',
      target: '10.1.0.0/24',
      via: '10.1.0.1',
      createdSeconds: 37_600_000,
      type: 'static',
      flags: ['local'],
      nbma: '192.0.2.1',
      noSocket: true,
    }),
  ];
  state.nhrpTraffic = [traffic(3), { ...traffic(0), interface: 'Tunnel1', counters: {} }];
  return state;
}

/** A hub of Tunnel0 with `spokes` registered spokes, up for various times, and one cache entry per spoke. */
export function largeHubState(spokes: number): RouterState {
  const state = emptyState('hub1', 'hub');
  state.interfaces = [tunnelInterface('Tunnel0', '10.0.0.1', '192.0.2.1', 'DMVPN-PROF')];
  const peers: DmvpnPeerView[] = [];
  for (let n = 1; n <= spokes; n++) {
    const tunnel = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const nbma = `198.${51 + ((n >> 16) & 7)}.${(n >> 8) & 255}.${n & 255}`;
    const up = n % 10 !== 0;
    peers.push(peer(nbma, [tunnel], up ? 'UP' : 'NHRP', up ? n * 97 : null, ['D']));
    state.nhrpCache.push(
      cacheEntry({
        target: `${tunnel}/32`,
        createdSeconds: n * 97,
        expiresSeconds: 7_200 - (n % 7_200),
        flags: ['unique', 'registered', 'used', 'nhop'],
        nbma,
      }),
    );
  }
  state.dmvpn = [{ interface: 'Tunnel0', type: 'Hub', peers }];
  state.nhrpTraffic = [traffic(spokes)];
  return state;
}

/**
 * spoke2, phase 3: Tunnel0 to hub1 (up, `S`) with a shortcut to spoke3 (a DT2 row for its LAN and a DT1 row for its
 * tunnel address behind one NBMA), crypto up over IKEv2; Tunnel1 to hub2, whose NHS does not answer (`IKE`, `E`).
 */
export function phase3SpokeState(): RouterState {
  const state = emptyState('spoke2', 'spoke');
  state.interfaces = [
    tunnelInterface('Tunnel0', '10.0.0.2', '198.51.100.2', 'DMVPN-PROF'),
    tunnelInterface('Tunnel1', '10.1.0.2', '198.51.100.2', 'DMVPN-PROF'),
  ];
  state.dmvpn = [
    {
      interface: 'Tunnel0',
      type: 'Spoke',
      peers: [
        peer(
          '198.51.100.6',
          ['10.0.0.3', '10.0.0.3'],
          'UP',
          5,
          ['DT2', 'DT1'],
          ['192.168.3.0/24', '10.0.0.3/32'],
        ),
        peer('192.0.2.1', ['10.0.0.1'], 'UP', 93_784, ['S']),
      ],
    },
    { interface: 'Tunnel1', type: 'Spoke', peers: [peer('192.0.2.9', ['10.1.0.1'], 'IKE', null, ['S'])] },
  ];
  state.nhs = [
    {
      interface: 'Tunnel0',
      nhs: '10.0.0.1',
      nbma: '192.0.2.1',
      flags: 'RE',
      priority: 0,
      cluster: 0,
      reqSent: 105_434,
      reqFailed: 0,
      replRecv: 105_430,
      lastReplySecondsAgo: 58,
    },
    {
      interface: 'Tunnel1',
      nhs: '10.1.0.1',
      nbma: null,
      flags: 'E',
      priority: 1,
      cluster: 2,
      reqSent: 124_175,
      reqFailed: 3,
      replRecv: 0,
      lastReplySecondsAgo: null,
    },
  ];
  state.nhrpCache = [
    cacheEntry({
      target: '10.0.0.1/32',
      createdSeconds: 93_784,
      type: 'static',
      flags: ['used'],
      nbma: '192.0.2.1',
    }),
    cacheEntry({
      target: '192.168.3.0/24',
      via: '10.0.0.3',
      createdSeconds: 5,
      expiresSeconds: 7_195,
      flags: ['router', 'rib'],
      nbma: '198.51.100.6',
    }),
    cacheEntry({
      target: '10.0.0.3/32',
      createdSeconds: 5,
      expiresSeconds: 7_195,
      flags: ['router', 'nhop', 'rib', 'nho'],
      nbma: '198.51.100.6',
    }),
    cacheEntry({
      interface: 'Tunnel1',
      target: '10.1.0.1/32',
      createdSeconds: 2_246_400,
      type: 'static',
      flags: [],
      nbma: '192.0.2.9',
    }),
  ];
  state.ikeSas = [
    {
      version: 'v2',
      local: '198.51.100.2',
      remote: '192.0.2.1',
      localPort: 500,
      remotePort: 500,
      state: 'READY',
      status: 'ACTIVE',
      connId: 2,
      encryption: 'AES-CBC',
      keySize: 256,
      hash: 'SHA512',
      dhGroup: 19,
      auth: 'PSK',
      lifetimeSeconds: 86_400,
      activeSeconds: 48,
      natT: false,
    },
  ];
  state.ipsecSas = [
    {
      interface: 'Tunnel0',
      local: '198.51.100.2',
      remote: '192.0.2.1',
      remotePort: 500,
      pktsEncaps: 47,
      pktsDecaps: 46,
      sendErrors: 0,
      recvErrors: 1,
      pfs: false,
      dhGroup: null,
      pathMtu: 1500,
      plaintextMtu: 1438,
      inbound: [
        {
          spi: 0xa1b2c3d4,
          transform: 'esp-aes esp-sha-hmac',
          mode: 'Transport',
          natT: false,
          connId: 2001,
          remainingKb: 4_310_556,
          remainingSeconds: 3_551,
        },
      ],
      outbound: [
        {
          spi: 0x623029e,
          transform: 'esp-aes esp-sha-hmac',
          mode: 'Transport',
          natT: false,
          connId: 2002,
          remainingKb: 4_310_557,
          remainingSeconds: 3_551,
        },
      ],
    },
  ];
  state.cryptoSessions = [
    {
      interface: 'Tunnel0',
      peer: '192.0.2.1',
      port: 500,
      status: 'UP-ACTIVE',
      uptimeSeconds: 93_784,
      ikeActive: true,
      activeSas: 2,
      pktsDecrypted: 46,
      pktsEncrypted: 47,
    },
    {
      interface: 'Tunnel1',
      peer: '192.0.2.9',
      port: 500,
      status: 'DOWN-NEGOTIATING',
      uptimeSeconds: null,
      ikeActive: false,
      activeSas: 0,
      pktsDecrypted: 0,
      pktsEncrypted: 0,
    },
  ];
  state.nhrpTraffic = [traffic(1)];
  return state;
}
