// The OIDs of the notifications and objects the lab's traps carry, from knowledge/mibs/*.my and key-oids.tsv.

/** IF-MIB (RFC 2863) and SNMPv2-MIB snmpTraps. */
export const IF = {
  linkDown: '1.3.6.1.6.3.1.1.5.3',
  linkUp: '1.3.6.1.6.3.1.1.5.4',
  ifIndex: '1.3.6.1.2.1.2.2.1.1',
  ifDescr: '1.3.6.1.2.1.2.2.1.2',
  ifType: '1.3.6.1.2.1.2.2.1.3',
  /** OLD-CISCO-INTERFACES-MIB locIfReason (lifEntry 20): IOS's own linkUp/linkDown varbind ("up", "down" ...). */
  locIfReason: '1.3.6.1.4.1.9.2.2.1.1.20',
} as const;

/** IANAifType values of the lab's interfaces. */
export const IF_TYPE = { other: 1, ethernetCsmacd: 6, softwareLoopback: 24, tunnel: 131 } as const;

/** CISCO-SYSLOG-MIB (1.3.6.1.4.1.9.9.41). */
export const SYSLOG = {
  clogMessageGenerated: '1.3.6.1.4.1.9.9.41.2.0.1',
  clogHistFacility: '1.3.6.1.4.1.9.9.41.1.2.3.1.2',
  clogHistSeverity: '1.3.6.1.4.1.9.9.41.1.2.3.1.3',
  clogHistMsgName: '1.3.6.1.4.1.9.9.41.1.2.3.1.4',
  clogHistMsgText: '1.3.6.1.4.1.9.9.41.1.2.3.1.5',
  clogHistTimestamp: '1.3.6.1.4.1.9.9.41.1.2.3.1.6',
} as const;

/** CISCO-NHRP-EXT-MIB (1.3.6.1.4.1.9.9.680) notifications and its accessible-for-notify scalars. */
export const CNE = {
  nextHopRegServerUp: '1.3.6.1.4.1.9.9.680.0.1',
  nextHopRegServerDown: '1.3.6.1.4.1.9.9.680.0.2',
  nextHopRegClientUp: '1.3.6.1.4.1.9.9.680.0.3',
  nextHopRegClientDown: '1.3.6.1.4.1.9.9.680.0.4',
  nextHopPeerUp: '1.3.6.1.4.1.9.9.680.0.5',
  nextHopPeerDown: '1.3.6.1.4.1.9.9.680.0.6',
  nextHopDownReason: '1.3.6.1.4.1.9.9.680.1.1.1',
  nhrpException: '1.3.6.1.4.1.9.9.680.1.1.2',
} as const;

/** CiscoNextHopDownReasonCode. */
export const DOWN_REASON = {
  administrative: 1,
  registrationFailure: 2,
  resolutionFailure: 3,
  purgeReceived: 4,
  normalExpiry: 5,
  external: 6,
  other: 7,
} as const;

const NHRP_CLIENT_ENTRY = '1.3.6.1.2.1.71.1.2.1.1';
const NHRP_CLIENT_REG_ENTRY = '1.3.6.1.2.1.71.1.2.2.1';
const NHRP_CLIENT_NHS_ENTRY = '1.3.6.1.2.1.71.1.2.3.1';
const NHRP_SERVER_ENTRY = '1.3.6.1.2.1.71.1.3.1.1';
const NHRP_SERVER_CACHE_ENTRY = '1.3.6.1.2.1.71.1.3.2.1';
const NHRP_SERVER_NHC_ENTRY = '1.3.6.1.2.1.71.1.3.3.1';
const NHRP_CACHE_ENTRY = '1.3.6.1.2.1.71.1.1.2.1';

/** NHRP-MIB (RFC 2677, mib-2 71) columns the CISCO-NHRP-EXT-MIB notifications carry. */
export const NHRP = {
  clientInternetworkAddrType: `${NHRP_CLIENT_ENTRY}.2`,
  clientInternetworkAddr: `${NHRP_CLIENT_ENTRY}.3`,
  clientNbmaAddrType: `${NHRP_CLIENT_ENTRY}.4`,
  clientNbmaAddr: `${NHRP_CLIENT_ENTRY}.5`,
  clientNbmaSubaddr: `${NHRP_CLIENT_ENTRY}.6`,
  clientHoldTime: `${NHRP_CLIENT_ENTRY}.12`,
  clientRegUniqueness: `${NHRP_CLIENT_REG_ENTRY}.2`,
  clientNhsInternetworkAddrType: `${NHRP_CLIENT_NHS_ENTRY}.2`,
  clientNhsInternetworkAddr: `${NHRP_CLIENT_NHS_ENTRY}.3`,
  clientNhsNbmaAddrType: `${NHRP_CLIENT_NHS_ENTRY}.4`,
  clientNhsNbmaAddr: `${NHRP_CLIENT_NHS_ENTRY}.5`,
  clientNhsNbmaSubaddr: `${NHRP_CLIENT_NHS_ENTRY}.6`,
  clientNhsInUse: `${NHRP_CLIENT_NHS_ENTRY}.7`,
  serverInternetworkAddrType: `${NHRP_SERVER_ENTRY}.2`,
  serverInternetworkAddr: `${NHRP_SERVER_ENTRY}.3`,
  serverNbmaAddrType: `${NHRP_SERVER_ENTRY}.4`,
  serverNbmaAddr: `${NHRP_SERVER_ENTRY}.5`,
  serverNbmaSubaddr: `${NHRP_SERVER_ENTRY}.6`,
  serverCacheUniqueness: `${NHRP_SERVER_CACHE_ENTRY}.2`,
  serverNhcPrefixLength: `${NHRP_SERVER_NHC_ENTRY}.2`,
  serverNhcInternetworkAddrType: `${NHRP_SERVER_NHC_ENTRY}.3`,
  serverNhcInternetworkAddr: `${NHRP_SERVER_NHC_ENTRY}.4`,
  serverNhcNbmaAddrType: `${NHRP_SERVER_NHC_ENTRY}.5`,
  serverNhcNbmaAddr: `${NHRP_SERVER_NHC_ENTRY}.6`,
  serverNhcNbmaSubaddr: `${NHRP_SERVER_NHC_ENTRY}.7`,
  serverNhcInUse: `${NHRP_SERVER_NHC_ENTRY}.8`,
  cacheNextHopInternetworkAddr: `${NHRP_CACHE_ENTRY}.5`,
  cacheNbmaAddrType: `${NHRP_CACHE_ENTRY}.6`,
  cacheNbmaAddr: `${NHRP_CACHE_ENTRY}.7`,
  cacheNbmaSubaddr: `${NHRP_CACHE_ENTRY}.8`,
  cacheType: `${NHRP_CACHE_ENTRY}.9`,
} as const;

/** AddressFamilyNumbers ipV4(1); TruthValue true(1)/false(2). */
export const IPV4_FAMILY = 1;
export const TRUE = 1;

const CIP_TUN_ENTRY = '1.3.6.1.4.1.9.9.171.1.3.2.1';
const CIP_ENDPT_ENTRY = '1.3.6.1.4.1.9.9.171.1.3.3.1';
const CIP_TUN_HIST_ENTRY = '1.3.6.1.4.1.9.9.171.1.4.3.1.1';
const CIP_ENDPT_HIST_ENTRY = '1.3.6.1.4.1.9.9.171.1.4.3.2.1';

/** CISCO-IPSEC-FLOW-MONITOR-MIB (1.3.6.1.4.1.9.9.171): the Phase-2 tunnel start/stop of the capture. */
export const IPSEC = {
  cipSecTunnelStart: '1.3.6.1.4.1.9.9.171.2.0.7',
  cipSecTunnelStop: '1.3.6.1.4.1.9.9.171.2.0.8',
  tunLifeSize: `${CIP_TUN_ENTRY}.8`,
  tunLifeTime: `${CIP_TUN_ENTRY}.9`,
  tunActiveTime: `${CIP_TUN_ENTRY}.10`,
  endPtLocalType: `${CIP_ENDPT_ENTRY}.3`,
  endPtLocalAddr1: `${CIP_ENDPT_ENTRY}.4`,
  endPtLocalAddr2: `${CIP_ENDPT_ENTRY}.5`,
  endPtLocalProtocol: `${CIP_ENDPT_ENTRY}.6`,
  endPtLocalPort: `${CIP_ENDPT_ENTRY}.7`,
  endPtRemoteType: `${CIP_ENDPT_ENTRY}.9`,
  endPtRemoteAddr1: `${CIP_ENDPT_ENTRY}.10`,
  endPtRemoteAddr2: `${CIP_ENDPT_ENTRY}.11`,
  histTermReason: `${CIP_TUN_HIST_ENTRY}.2`,
  histLifeSize: `${CIP_TUN_HIST_ENTRY}.9`,
  histLifeTime: `${CIP_TUN_HIST_ENTRY}.10`,
  histActiveTime: `${CIP_TUN_HIST_ENTRY}.12`,
  endPtHistLocalType: `${CIP_ENDPT_HIST_ENTRY}.5`,
  endPtHistLocalAddr1: `${CIP_ENDPT_HIST_ENTRY}.6`,
  endPtHistLocalAddr2: `${CIP_ENDPT_HIST_ENTRY}.7`,
  endPtHistLocalProtocol: `${CIP_ENDPT_HIST_ENTRY}.8`,
  endPtHistLocalPort: `${CIP_ENDPT_HIST_ENTRY}.9`,
  endPtHistRemoteType: `${CIP_ENDPT_HIST_ENTRY}.11`,
  endPtHistRemoteAddr1: `${CIP_ENDPT_HIST_ENTRY}.12`,
  endPtHistRemoteAddr2: `${CIP_ENDPT_HIST_ENTRY}.13`,
} as const;
