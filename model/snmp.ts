// What an SNMP poll of a DMVPN router reads: IF-MIB interfaces, CISCO-IPSEC-FLOW-MONITOR-MIB IKE and IPsec tunnels,
// NHRP-MIB cache, NHS and NHC rows, as typed rows. Counter64 values are bigint; times are seconds; addresses dotted.

export interface SnmpSystem {
  sysName: string | null;
  sysDescr: string | null;
  /** sysUpTime.0 in seconds. */
  upTimeSeconds: number | null;
}

export type IfOperStatus =
  'up' | 'down' | 'testing' | 'unknown' | 'dormant' | 'notPresent' | 'lowerLayerDown';

export interface SnmpInterface {
  ifIndex: number;
  /** ifDescr (`Tunnel0`, the full IOS name); ifName when the agent has no ifDescr. */
  name: string;
  /** ifName, IOS's short form (`Tu0`). */
  shortName: string | null;
  /** IANAifType: 131 tunnel, 6 ethernetCsmacd, 24 softwareLoopback. */
  type: number | null;
  mtu: number | null;
  adminUp: boolean | null;
  operStatus: IfOperStatus | null;
  /** sysUpTime at the last change of ifOperStatus, in seconds since the agent started. */
  lastChangeSeconds: number | null;
  /** ifHCInOctets/ifHCOutOctets when the agent has them, else the 32-bit ifInOctets/ifOutOctets. */
  inOctets: bigint | null;
  outOctets: bigint | null;
  octetCounterBits: 64 | 32 | null;
  inErrors: number | null;
  outErrors: number | null;
  inDiscards: number | null;
  outDiscards: number | null;
}

export interface IkeGlobals {
  activeTunnels: number | null;
  previousTunnels: number | null;
  initTunnelFails: number | null;
  respTunnelFails: number | null;
  sysCapFails: number | null;
  authFails: number | null;
  decryptFails: number | null;
  hashValidFails: number | null;
  noSaFails: number | null;
}

/** One cikeTunnelTable row: a phase-1 (IKE) tunnel. Algorithm fields are the MIB's enumeration codes. */
export interface IkeTunnel {
  index: number;
  localAddress: string | null;
  remoteAddress: string | null;
  localValue: string | null;
  remoteValue: string | null;
  negoMode: number | null;
  dhGroup: number | null;
  encryptAlgo: number | null;
  hashAlgo: number | null;
  authMethod: number | null;
  lifetimeSeconds: number | null;
  activeSeconds: number | null;
  inOctets: number | null;
  outOctets: number | null;
  inDropPkts: number | null;
  outDropPkts: number | null;
  /** cikeTunStatus active(1) / destroy(2). */
  active: boolean | null;
}

export interface IpsecGlobals {
  activeTunnels: number | null;
  previousTunnels: number | null;
  inOctets: bigint | null;
  outOctets: bigint | null;
  inDrops: number | null;
  inReplayDrops: number | null;
  inAuthFails: number | null;
  inDecryptFails: number | null;
  outDrops: number | null;
  outEncryptFails: number | null;
  protocolUseFails: number | null;
  noSaFails: number | null;
  sysCapFails: number | null;
}

/**
 * How a phase-2 tunnel was tied to its phase-1 tunnel: by cipSecTunIkeTunnelIndex; by its (local, remote) addresses
 * because that index named no row or a row of other addresses (an IOS bug reuses stale indexes); or not at all.
 */
export type IkeJoin = 'ike-index' | 'addresses' | 'none';

/** One cipSecTunnelTable row: a phase-2 (IPsec) tunnel, with its endpoints and its phase-1 tunnel. */
export interface IpsecTunnel {
  index: number;
  /** cipSecTunIkeTunnelIndex as the agent gave it. */
  ikeTunnelIndex: number | null;
  ikeTunnelAlive: boolean | null;
  localAddress: string | null;
  remoteAddress: string | null;
  /** cipSecTunEncapMode: tunnel(1), transport(2). */
  encapMode: 'tunnel' | 'transport' | null;
  lifeSizeKb: number | null;
  lifetimeSeconds: number | null;
  activeSeconds: number | null;
  totalRefreshes: number | null;
  expiredSas: number | null;
  currentSas: number | null;
  /** cipSecTunHcInOctets, else cipSecTunInOctWraps * 2^32 + cipSecTunInOctets. */
  inOctets: bigint | null;
  outOctets: bigint | null;
  inPkts: number | null;
  outPkts: number | null;
  inDropPkts: number | null;
  outDropPkts: number | null;
  inReplayDropPkts: number | null;
  inAuthFails: number | null;
  inDecryptFails: number | null;
  outAuthFails: number | null;
  outEncryptFails: number | null;
  active: boolean | null;
  ikeJoin: IkeJoin;
  /** cikeTunIndex of the phase-1 tunnel found by ikeJoin, null when none. */
  ikeTunnel: number | null;
  endpoints: IpsecEndpoint[];
}

/** One cipSecEndPtTable row: traffic selectors of a phase-2 tunnel (GRE, protocol 47, for DMVPN). */
export interface IpsecEndpoint {
  tunnelIndex: number;
  index: number;
  /** EndPtType: singleIpAddr(1), ipAddrRange(2), ipSubnet(3). */
  localType: number | null;
  localAddress1: string | null;
  localAddress2: string | null;
  localProtocol: number | null;
  localPort: number | null;
  remoteType: number | null;
  remoteAddress1: string | null;
  remoteAddress2: string | null;
  remoteProtocol: number | null;
  remotePort: number | null;
}

export type NhrpCacheType =
  | 'other'
  | 'register'
  | 'resolveAuthoritative'
  | 'resolveNonauthoritative'
  | 'transit'
  | 'administrativelyAdded'
  | 'atmarp'
  | 'scsp';

/** One nhrpCacheTable row. */
export interface SnmpNhrpCacheEntry {
  ifIndex: number;
  /** The interface's ifDescr, when the interfaces were read in the same poll. */
  interface: string | null;
  cacheIndex: number;
  /** The destination (from the row index). */
  target: string;
  prefixLength: number | null;
  nextHop: string | null;
  nbma: string | null;
  type: NhrpCacheType | null;
  state: 'incomplete' | 'ackReply' | 'nakReply' | null;
  /** Seconds left; null when the entry does not expire. */
  holdingTimeSeconds: number | null;
  negotiatedMtu: number | null;
}

/** One nhrpClientNhsTable row: a spoke's next-hop server. */
export interface SnmpNhrpNhs {
  clientIndex: number;
  nhsIndex: number;
  nhsTunnel: string | null;
  nhsNbma: string | null;
  inUse: boolean | null;
}

/** One nhrpServerNhcTable row: a hub's registered client. */
export interface SnmpNhrpNhc {
  serverIndex: number;
  nhcIndex: number;
  nhcTunnel: string | null;
  nhcNbma: string | null;
  prefixLength: number | null;
  inUse: boolean | null;
}

/** What one SNMP request series took. */
export interface SnmpTiming {
  /** `ifTable`, `cipSecTunnelTable`, `system`, ... */
  table: string;
  requests: number;
  varbinds: number;
  durationMs: number;
}

export interface SnmpPollError {
  table: string;
  /** Names the device and what to check. */
  message: string;
}

export interface SnmpPollResult {
  device: string;
  /** Milliseconds since the epoch when the poll ended. */
  collectedAt: number;
  durationMs: number;
  system: SnmpSystem;
  interfaces: SnmpInterface[];
  ike: { globals: IkeGlobals | null; tunnels: IkeTunnel[] };
  ipsec: { globals: IpsecGlobals | null; tunnels: IpsecTunnel[] };
  nhrp: { cache: SnmpNhrpCacheEntry[]; nhs: SnmpNhrpNhs[]; nhc: SnmpNhrpNhc[] };
  timings: SnmpTiming[];
  errors: SnmpPollError[];
}
