// Names of the notifications and objects a DMVPN router's traps carry (IF-MIB, NHRP-MIB, CISCO-NHRP-EXT-MIB,
// CISCO-IPSEC-FLOW-MONITOR-MIB, CISCO-SYSLOG-MIB), from knowledge/snmp/key-oids.tsv and the MIBs.

const NOTIFICATIONS: Record<string, string> = {
  '1.3.6.1.6.3.1.1.5.1': 'coldStart',
  '1.3.6.1.6.3.1.1.5.2': 'warmStart',
  '1.3.6.1.6.3.1.1.5.3': 'linkDown',
  '1.3.6.1.6.3.1.1.5.4': 'linkUp',
  '1.3.6.1.6.3.1.1.5.5': 'authenticationFailure',
  '1.3.6.1.4.1.9.9.680.0.1': 'cneNotifNextHopRegServerUp',
  '1.3.6.1.4.1.9.9.680.0.2': 'cneNotifNextHopRegServerDown',
  '1.3.6.1.4.1.9.9.680.0.3': 'cneNotifNextHopRegClientUp',
  '1.3.6.1.4.1.9.9.680.0.4': 'cneNotifNextHopRegClientDown',
  '1.3.6.1.4.1.9.9.680.0.5': 'cneNotifNextHopPeerUp',
  '1.3.6.1.4.1.9.9.680.0.6': 'cneNotifNextHopPeerDown',
  '1.3.6.1.4.1.9.9.680.0.7': 'cneNotifRateLimitExceeded',
  '1.3.6.1.4.1.9.9.171.2.0.1': 'cikeTunnelStart',
  '1.3.6.1.4.1.9.9.171.2.0.2': 'cikeTunnelStop',
  '1.3.6.1.4.1.9.9.171.2.0.3': 'cikeSysFailure',
  '1.3.6.1.4.1.9.9.171.2.0.4': 'cikeCertCrlFailure',
  '1.3.6.1.4.1.9.9.171.2.0.5': 'cikeProtocolFailure',
  '1.3.6.1.4.1.9.9.171.2.0.6': 'cikeNoSa',
  '1.3.6.1.4.1.9.9.171.2.0.7': 'cipSecTunnelStart',
  '1.3.6.1.4.1.9.9.171.2.0.8': 'cipSecTunnelStop',
  '1.3.6.1.4.1.9.9.171.2.0.9': 'cipSecSysFailure',
  '1.3.6.1.4.1.9.9.171.2.0.10': 'cipSecSetUpFailure',
  '1.3.6.1.4.1.9.9.171.2.0.11': 'cipSecEarlyTunTerm',
  '1.3.6.1.4.1.9.9.171.2.0.12': 'cipSecProtocolFailure',
  '1.3.6.1.4.1.9.9.171.2.0.13': 'cipSecNoSa',
  '1.3.6.1.4.1.9.9.41.2.0.1': 'clogMessageGenerated',
};

/** Columns and scalars (without instance), by the entry or group they belong to. */
const OBJECT_GROUPS: [base: string, names: Record<number, string>][] = [
  ['1.3.6.1.2.1.1', { 1: 'sysDescr', 2: 'sysObjectID', 3: 'sysUpTime', 5: 'sysName' }],
  ['1.3.6.1.2.1.2.2.1', { 1: 'ifIndex', 2: 'ifDescr', 3: 'ifType', 7: 'ifAdminStatus', 8: 'ifOperStatus' }],
  ['1.3.6.1.2.1.31.1.1.1', { 1: 'ifName' }],
  ['1.3.6.1.4.1.9.2.2.1.1', { 20: 'locIfReason' }],
  ['1.3.6.1.4.1.9.9.680.1.1', { 1: 'cneNextHopDownReason', 2: 'cneNHRPException' }],
  [
    '1.3.6.1.2.1.71.1.1.2.1',
    {
      4: 'nhrpCachePrefixLength',
      5: 'nhrpCacheNextHopInternetworkAddr',
      6: 'nhrpCacheNbmaAddrType',
      7: 'nhrpCacheNbmaAddr',
      8: 'nhrpCacheNbmaSubaddr',
      9: 'nhrpCacheType',
    },
  ],
  [
    '1.3.6.1.2.1.71.1.2.1.1',
    {
      2: 'nhrpClientInternetworkAddrType',
      3: 'nhrpClientInternetworkAddr',
      4: 'nhrpClientNbmaAddrType',
      5: 'nhrpClientNbmaAddr',
      6: 'nhrpClientNbmaSubaddr',
      12: 'nhrpClientHoldTime',
    },
  ],
  ['1.3.6.1.2.1.71.1.2.2.1', { 2: 'nhrpClientRegUniqueness' }],
  [
    '1.3.6.1.2.1.71.1.2.3.1',
    {
      2: 'nhrpClientNhsInternetworkAddrType',
      3: 'nhrpClientNhsInternetworkAddr',
      4: 'nhrpClientNhsNbmaAddrType',
      5: 'nhrpClientNhsNbmaAddr',
      6: 'nhrpClientNhsNbmaSubaddr',
      7: 'nhrpClientNhsInUse',
    },
  ],
  [
    '1.3.6.1.2.1.71.1.3.1.1',
    {
      2: 'nhrpServerInternetworkAddrType',
      3: 'nhrpServerInternetworkAddr',
      4: 'nhrpServerNbmaAddrType',
      5: 'nhrpServerNbmaAddr',
      6: 'nhrpServerNbmaSubaddr',
    },
  ],
  ['1.3.6.1.2.1.71.1.3.2.1', { 2: 'nhrpServerCacheUniqueness' }],
  [
    '1.3.6.1.2.1.71.1.3.3.1',
    {
      2: 'nhrpServerNhcPrefixLength',
      3: 'nhrpServerNhcInternetworkAddrType',
      4: 'nhrpServerNhcInternetworkAddr',
      5: 'nhrpServerNhcNbmaAddrType',
      6: 'nhrpServerNhcNbmaAddr',
      7: 'nhrpServerNhcNbmaSubaddr',
      8: 'nhrpServerNhcInUse',
    },
  ],
  ['1.3.6.1.4.1.9.9.171.1.2.2.1', { 6: 'cikePeerLocalAddr', 7: 'cikePeerRemoteAddr' }],
  ['1.3.6.1.4.1.9.9.171.1.2.3.1', { 15: 'cikeTunLifeTime', 16: 'cikeTunActiveTime' }],
  ['1.3.6.1.4.1.9.9.171.1.4.2.1.1', { 2: 'cikeTunHistTermReason', 20: 'cikeTunHistActiveTime' }],
  [
    '1.3.6.1.4.1.9.9.171.1.3.2.1',
    { 8: 'cipSecTunLifeSize', 9: 'cipSecTunLifeTime', 10: 'cipSecTunActiveTime' },
  ],
  [
    '1.3.6.1.4.1.9.9.171.1.3.3.1',
    {
      3: 'cipSecEndPtLocalType',
      4: 'cipSecEndPtLocalAddr1',
      5: 'cipSecEndPtLocalAddr2',
      6: 'cipSecEndPtLocalProtocol',
      7: 'cipSecEndPtLocalPort',
      9: 'cipSecEndPtRemoteType',
      10: 'cipSecEndPtRemoteAddr1',
      11: 'cipSecEndPtRemoteAddr2',
    },
  ],
  [
    '1.3.6.1.4.1.9.9.171.1.4.3.1.1',
    {
      2: 'cipSecTunHistTermReason',
      9: 'cipSecTunHistLifeSize',
      10: 'cipSecTunHistLifeTime',
      12: 'cipSecTunHistActiveTime',
    },
  ],
  [
    '1.3.6.1.4.1.9.9.171.1.4.3.2.1',
    {
      5: 'cipSecEndPtHistLocalType',
      6: 'cipSecEndPtHistLocalAddr1',
      7: 'cipSecEndPtHistLocalAddr2',
      8: 'cipSecEndPtHistLocalProtocol',
      9: 'cipSecEndPtHistLocalPort',
      11: 'cipSecEndPtHistRemoteType',
      12: 'cipSecEndPtHistRemoteAddr1',
      13: 'cipSecEndPtHistRemoteAddr2',
    },
  ],
  [
    '1.3.6.1.4.1.9.9.41.1.2.3.1',
    {
      2: 'clogHistFacility',
      3: 'clogHistSeverity',
      4: 'clogHistMsgName',
      5: 'clogHistMsgText',
      6: 'clogHistTimestamp',
    },
  ],
];

const OBJECTS = new Map<string, string>();
for (const [base, names] of OBJECT_GROUPS) {
  for (const [column, name] of Object.entries(names)) OBJECTS.set(`${base}.${column}`, name);
}

/** Objects whose OCTET STRING value is an address (IPSIpAddress, NhrpGenAddr). */
const ADDRESS_OBJECT = /Addr\d?$/;

/** The notification's name, or its OID when unknown. */
export function notificationName(trapOid: string): string {
  return NOTIFICATIONS[trapOid] ?? trapOid;
}

/** The object an instance OID belongs to, and the instance suffix; null name when unknown. */
export function objectOf(oid: string): { name: string | null; instance: string } {
  for (let end = oid.lastIndexOf('.'); end > 0; end = oid.lastIndexOf('.', end - 1)) {
    const name = OBJECTS.get(oid.slice(0, end));
    if (name) return { name, instance: oid.slice(end + 1) };
  }
  return { name: null, instance: '' };
}

export function isAddressObject(name: string | null): boolean {
  return name !== null && ADDRESS_OBJECT.test(name) && !name.endsWith('AddrType');
}
