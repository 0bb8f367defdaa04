// The columns a DMVPN poll reads, table by table, and the typed rows made of their values.

import type snmp from 'net-snmp';

import type {
  IfOperStatus,
  IkeGlobals,
  IkeTunnel,
  IpsecEndpoint,
  IpsecGlobals,
  IpsecTunnel,
  NhrpCacheType,
  SnmpInterface,
  SnmpNhrpCacheEntry,
  SnmpNhrpNhc,
  SnmpNhrpNhs,
  SnmpSystem,
} from '../../model/snmp.js';
import { address, counter64, hundredthsToSeconds, integer, isException, octetText, truth } from './values.js';
import type { ColumnValues } from './walk.js';

/** A table to walk: its entry OID and the columns read, by the name used here. */
export interface TableColumns<K extends string> {
  name: string;
  entry: string;
  columns: Record<K, number>;
}

function columns<K extends string>(name: string, entry: string, map: Record<K, number>): TableColumns<K> {
  return { name, entry, columns: map };
}

export const SYSTEM_OIDS = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysName: '1.3.6.1.2.1.1.5.0',
} as const;

export const IF_TABLE = columns('ifTable', '1.3.6.1.2.1.2.2.1', {
  descr: 2,
  type: 3,
  mtu: 4,
  adminStatus: 7,
  operStatus: 8,
  lastChange: 9,
  inOctets: 10,
  inDiscards: 13,
  inErrors: 14,
  outOctets: 16,
  outDiscards: 19,
  outErrors: 20,
});

export const IF_X_TABLE = columns('ifXTable', '1.3.6.1.2.1.31.1.1.1', {
  name: 1,
  hcInOctets: 6,
  hcOutOctets: 10,
});

const IKE_GLOBALS_BASE = '1.3.6.1.4.1.9.9.171.1.2.1';
export const IKE_GLOBALS: Record<keyof IkeGlobals, string> = {
  activeTunnels: `${IKE_GLOBALS_BASE}.1.0`,
  previousTunnels: `${IKE_GLOBALS_BASE}.2.0`,
  initTunnelFails: `${IKE_GLOBALS_BASE}.20.0`,
  respTunnelFails: `${IKE_GLOBALS_BASE}.21.0`,
  sysCapFails: `${IKE_GLOBALS_BASE}.22.0`,
  authFails: `${IKE_GLOBALS_BASE}.23.0`,
  decryptFails: `${IKE_GLOBALS_BASE}.24.0`,
  hashValidFails: `${IKE_GLOBALS_BASE}.25.0`,
  noSaFails: `${IKE_GLOBALS_BASE}.26.0`,
};

const IPSEC_GLOBALS_BASE = '1.3.6.1.4.1.9.9.171.1.3.1';
export const IPSEC_GLOBALS: Record<keyof IpsecGlobals, string> = {
  activeTunnels: `${IPSEC_GLOBALS_BASE}.1.0`,
  previousTunnels: `${IPSEC_GLOBALS_BASE}.2.0`,
  inOctets: `${IPSEC_GLOBALS_BASE}.4.0`,
  inDrops: `${IPSEC_GLOBALS_BASE}.10.0`,
  inReplayDrops: `${IPSEC_GLOBALS_BASE}.11.0`,
  inAuthFails: `${IPSEC_GLOBALS_BASE}.13.0`,
  inDecryptFails: `${IPSEC_GLOBALS_BASE}.15.0`,
  outOctets: `${IPSEC_GLOBALS_BASE}.17.0`,
  outDrops: `${IPSEC_GLOBALS_BASE}.23.0`,
  outEncryptFails: `${IPSEC_GLOBALS_BASE}.27.0`,
  protocolUseFails: `${IPSEC_GLOBALS_BASE}.28.0`,
  noSaFails: `${IPSEC_GLOBALS_BASE}.29.0`,
  sysCapFails: `${IPSEC_GLOBALS_BASE}.30.0`,
};

export const IKE_TUNNEL_TABLE = columns('cikeTunnelTable', '1.3.6.1.4.1.9.9.171.1.2.3.1', {
  localValue: 3,
  localAddr: 4,
  remoteValue: 7,
  remoteAddr: 8,
  negoMode: 10,
  dhGroup: 11,
  encryptAlgo: 12,
  hashAlgo: 13,
  authMethod: 14,
  lifeTime: 15,
  activeTime: 16,
  inOctets: 19,
  inDropPkts: 21,
  outOctets: 27,
  outDropPkts: 29,
  status: 35,
});

export const IPSEC_TUNNEL_TABLE = columns('cipSecTunnelTable', '1.3.6.1.4.1.9.9.171.1.3.2.1', {
  ikeTunnelIndex: 2,
  ikeTunnelAlive: 3,
  localAddr: 4,
  remoteAddr: 5,
  encapMode: 7,
  lifeSize: 8,
  lifeTime: 9,
  activeTime: 10,
  totalRefreshes: 13,
  expiredSaInstances: 14,
  currentSaInstances: 15,
  inOctets: 26,
  hcInOctets: 27,
  inOctWraps: 28,
  inPkts: 32,
  inDropPkts: 33,
  inReplayDropPkts: 34,
  inAuthFails: 36,
  inDecryptFails: 38,
  outOctets: 39,
  hcOutOctets: 40,
  outOctWraps: 41,
  outPkts: 45,
  outDropPkts: 46,
  outAuthFails: 48,
  outEncryptFails: 50,
  status: 51,
});

export const IPSEC_ENDPOINT_TABLE = columns('cipSecEndPtTable', '1.3.6.1.4.1.9.9.171.1.3.3.1', {
  localType: 3,
  localAddr1: 4,
  localAddr2: 5,
  localProtocol: 6,
  localPort: 7,
  remoteType: 9,
  remoteAddr1: 10,
  remoteAddr2: 11,
  remoteProtocol: 12,
  remotePort: 13,
});

export const NHRP_CACHE_TABLE = columns('nhrpCacheTable', '1.3.6.1.2.1.71.1.1.2.1', {
  prefixLength: 4,
  nextHop: 5,
  nbma: 7,
  type: 9,
  state: 10,
  holdingTimeValid: 11,
  holdingTime: 12,
  negotiatedMtu: 13,
});

export const NHRP_NHS_TABLE = columns('nhrpClientNhsTable', '1.3.6.1.2.1.71.1.2.3.1', {
  tunnel: 3,
  nbma: 5,
  inUse: 7,
});

export const NHRP_NHC_TABLE = columns('nhrpServerNhcTable', '1.3.6.1.2.1.71.1.3.3.1', {
  prefixLength: 2,
  tunnel: 4,
  nbma: 6,
  inUse: 8,
});

export function columnOids<K extends string>(table: TableColumns<K>): string[] {
  return Object.values<number>(table.columns).map((column) => `${table.entry}.${column}`);
}

type Row<K extends string> = { instance: string; index: number[] } & Partial<Record<K, snmp.Varbind>>;

/** The walked values of a table as rows by instance, in index order. */
export function rowsOf<K extends string>(table: TableColumns<K>, values: ColumnValues): Row<K>[] {
  const rows = new Map<string, Row<K>>();
  for (const [key, column] of Object.entries(table.columns) as [K, number][]) {
    const prefix = `${table.entry}.${column}.`;
    for (const varbind of values.get(`${table.entry}.${column}`) ?? []) {
      const instance = varbind.oid.slice(prefix.length);
      let row = rows.get(instance);
      if (!row) {
        row = { instance, index: instance.split('.').map(Number) } as Row<K>;
        rows.set(instance, row);
      }
      (row as Record<K, snmp.Varbind>)[key] = varbind;
    }
  }
  return [...rows.values()].sort((a, b) => compareIndex(a.index, b.index));
}

function compareIndex(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const num = (varbind: snmp.Varbind | undefined): number | null => integer(varbind?.value);
const addr = (varbind: snmp.Varbind | undefined): string | null => address(varbind?.value);
const str = (varbind: snmp.Varbind | undefined): string | null =>
  varbind === undefined ? null : octetText(varbind.value);
const seconds = (varbind: snmp.Varbind | undefined): number | null => hundredthsToSeconds(varbind?.value);
const big = (varbind: snmp.Varbind | undefined): bigint | null => counter64(varbind?.value);
const bool = (varbind: snmp.Varbind | undefined): boolean | null => truth(varbind?.value);

/** A GET answer's value, null for an exception (noSuchObject...). */
export function scalarValue(varbind: snmp.Varbind | undefined): snmp.Varbind | undefined {
  return varbind && !isException(varbind) ? varbind : undefined;
}

export function systemOf(values: Map<string, snmp.Varbind | undefined>): SnmpSystem {
  return {
    sysName: str(values.get(SYSTEM_OIDS.sysName)),
    sysDescr: str(values.get(SYSTEM_OIDS.sysDescr)),
    upTimeSeconds: seconds(values.get(SYSTEM_OIDS.sysUpTime)),
  };
}

const OPER_STATUS: IfOperStatus[] = [
  'up',
  'down',
  'testing',
  'unknown',
  'dormant',
  'notPresent',
  'lowerLayerDown',
];

export function interfacesOf(ifValues: ColumnValues, ifXValues: ColumnValues): SnmpInterface[] {
  const extended = new Map(rowsOf(IF_X_TABLE, ifXValues).map((row) => [row.instance, row]));
  return rowsOf(IF_TABLE, ifValues).map((row) => {
    const x = extended.get(row.instance);
    const hc = x?.hcInOctets !== undefined && x.hcOutOctets !== undefined;
    const low = (varbind: snmp.Varbind | undefined): bigint | null => {
      const value = num(varbind);
      return value === null ? null : BigInt(value);
    };
    const shortName = str(x?.name);
    const status = num(row.operStatus);
    return {
      ifIndex: row.index[0]!,
      name: str(row.descr) || shortName || `ifIndex ${row.index[0]}`,
      shortName,
      type: num(row.type),
      mtu: num(row.mtu),
      adminUp: row.adminStatus === undefined ? null : num(row.adminStatus) === 1,
      operStatus: status === null ? null : (OPER_STATUS[status - 1] ?? 'unknown'),
      lastChangeSeconds: seconds(row.lastChange),
      inOctets: hc ? big(x.hcInOctets) : low(row.inOctets),
      outOctets: hc ? big(x.hcOutOctets) : low(row.outOctets),
      octetCounterBits: hc ? 64 : row.inOctets ? 32 : null,
      inErrors: num(row.inErrors),
      outErrors: num(row.outErrors),
      inDiscards: num(row.inDiscards),
      outDiscards: num(row.outDiscards),
    };
  });
}

export function ikeGlobalsOf(values: Map<string, snmp.Varbind | undefined>): IkeGlobals {
  const result = {} as IkeGlobals;
  for (const [key, oid] of Object.entries(IKE_GLOBALS) as [keyof IkeGlobals, string][])
    result[key] = num(values.get(oid));
  return result;
}

export function ipsecGlobalsOf(values: Map<string, snmp.Varbind | undefined>): IpsecGlobals {
  const get = (key: keyof IpsecGlobals): snmp.Varbind | undefined => values.get(IPSEC_GLOBALS[key]);
  return {
    activeTunnels: num(get('activeTunnels')),
    previousTunnels: num(get('previousTunnels')),
    inOctets: big(get('inOctets')),
    outOctets: big(get('outOctets')),
    inDrops: num(get('inDrops')),
    inReplayDrops: num(get('inReplayDrops')),
    inAuthFails: num(get('inAuthFails')),
    inDecryptFails: num(get('inDecryptFails')),
    outDrops: num(get('outDrops')),
    outEncryptFails: num(get('outEncryptFails')),
    protocolUseFails: num(get('protocolUseFails')),
    noSaFails: num(get('noSaFails')),
    sysCapFails: num(get('sysCapFails')),
  };
}

export function ikeTunnelsOf(values: ColumnValues): IkeTunnel[] {
  return rowsOf(IKE_TUNNEL_TABLE, values).map((row) => ({
    index: row.index[0]!,
    localAddress: addr(row.localAddr),
    remoteAddress: addr(row.remoteAddr),
    localValue: str(row.localValue),
    remoteValue: str(row.remoteValue),
    negoMode: num(row.negoMode),
    dhGroup: num(row.dhGroup),
    encryptAlgo: num(row.encryptAlgo),
    hashAlgo: num(row.hashAlgo),
    authMethod: num(row.authMethod),
    lifetimeSeconds: num(row.lifeTime),
    activeSeconds: seconds(row.activeTime),
    inOctets: num(row.inOctets),
    outOctets: num(row.outOctets),
    inDropPkts: num(row.inDropPkts),
    outDropPkts: num(row.outDropPkts),
    active: row.status === undefined ? null : num(row.status) === 1,
  }));
}

/** HC octets when present, else wraps * 2^32 + the 32-bit count. */
function octets(
  hc: snmp.Varbind | undefined,
  low: snmp.Varbind | undefined,
  wraps: snmp.Varbind | undefined,
): bigint | null {
  if (hc) return big(hc);
  const value = num(low);
  if (value === null) return null;
  return (BigInt(num(wraps) ?? 0) << 32n) + BigInt(value);
}

export function endpointsOf(values: ColumnValues): IpsecEndpoint[] {
  return rowsOf(IPSEC_ENDPOINT_TABLE, values).map((row) => ({
    tunnelIndex: row.index[0]!,
    index: row.index[1] ?? 0,
    localType: num(row.localType),
    localAddress1: addr(row.localAddr1),
    localAddress2: addr(row.localAddr2),
    localProtocol: num(row.localProtocol),
    localPort: num(row.localPort),
    remoteType: num(row.remoteType),
    remoteAddress1: addr(row.remoteAddr1),
    remoteAddress2: addr(row.remoteAddr2),
    remoteProtocol: num(row.remoteProtocol),
    remotePort: num(row.remotePort),
  }));
}

/** Phase-2 rows before the join to phase 1 (see joinIkeTunnels). */
export function ipsecTunnelsOf(values: ColumnValues, endpoints: IpsecEndpoint[]): IpsecTunnel[] {
  return rowsOf(IPSEC_TUNNEL_TABLE, values).map((row) => {
    const encap = num(row.encapMode);
    return {
      index: row.index[0]!,
      ikeTunnelIndex: num(row.ikeTunnelIndex),
      ikeTunnelAlive: bool(row.ikeTunnelAlive),
      localAddress: addr(row.localAddr),
      remoteAddress: addr(row.remoteAddr),
      encapMode: encap === 1 ? 'tunnel' : encap === 2 ? 'transport' : null,
      lifeSizeKb: num(row.lifeSize),
      lifetimeSeconds: num(row.lifeTime),
      activeSeconds: seconds(row.activeTime),
      totalRefreshes: num(row.totalRefreshes),
      expiredSas: num(row.expiredSaInstances),
      currentSas: num(row.currentSaInstances),
      inOctets: octets(row.hcInOctets, row.inOctets, row.inOctWraps),
      outOctets: octets(row.hcOutOctets, row.outOctets, row.outOctWraps),
      inPkts: num(row.inPkts),
      outPkts: num(row.outPkts),
      inDropPkts: num(row.inDropPkts),
      outDropPkts: num(row.outDropPkts),
      inReplayDropPkts: num(row.inReplayDropPkts),
      inAuthFails: num(row.inAuthFails),
      inDecryptFails: num(row.inDecryptFails),
      outAuthFails: num(row.outAuthFails),
      outEncryptFails: num(row.outEncryptFails),
      active: row.status === undefined ? null : num(row.status) === 1,
      ikeJoin: 'none',
      ikeTunnel: null,
      endpoints: endpoints.filter((endpoint) => endpoint.tunnelIndex === row.index[0]),
    };
  });
}

const CACHE_TYPES: NhrpCacheType[] = [
  'other',
  'register',
  'resolveAuthoritative',
  'resolveNonauthoritative',
  'transit',
  'administrativelyAdded',
  'atmarp',
  'scsp',
];
const CACHE_STATES = ['incomplete', 'ackReply', 'nakReply'] as const;

/** nhrpCacheTable, indexed by (addrType, length-prefixed address, ifIndex, nhrpCacheIndex). */
export function nhrpCacheOf(
  values: ColumnValues,
  interfaceName: (ifIndex: number) => string | null,
): SnmpNhrpCacheEntry[] {
  return rowsOf(NHRP_CACHE_TABLE, values).flatMap((row) => {
    const length = row.index[1] ?? 0;
    const target = row.index.slice(2, 2 + length);
    const ifIndex = row.index[2 + length];
    const cacheIndex = row.index[3 + length];
    if (ifIndex === undefined || cacheIndex === undefined) return [];
    const type = num(row.type);
    const state = num(row.state);
    return [
      {
        ifIndex,
        interface: interfaceName(ifIndex),
        cacheIndex,
        target:
          length === 4
            ? target.join('.')
            : target.map((byte) => byte.toString(16).padStart(2, '0')).join(':'),
        prefixLength: num(row.prefixLength),
        nextHop: addr(row.nextHop),
        nbma: addr(row.nbma),
        type: type === null ? null : (CACHE_TYPES[type - 1] ?? null),
        state: state === null ? null : (CACHE_STATES[state - 1] ?? null),
        holdingTimeSeconds: bool(row.holdingTimeValid) === false ? null : num(row.holdingTime),
        negotiatedMtu: num(row.negotiatedMtu),
      },
    ];
  });
}

export function nhrpNhsOf(values: ColumnValues): SnmpNhrpNhs[] {
  return rowsOf(NHRP_NHS_TABLE, values).map((row) => ({
    clientIndex: row.index[0]!,
    nhsIndex: row.index[1] ?? 0,
    nhsTunnel: addr(row.tunnel),
    nhsNbma: addr(row.nbma),
    inUse: bool(row.inUse),
  }));
}

export function nhrpNhcOf(values: ColumnValues): SnmpNhrpNhc[] {
  return rowsOf(NHRP_NHC_TABLE, values).map((row) => ({
    serverIndex: row.index[0]!,
    nhcIndex: row.index[1] ?? 0,
    nhcTunnel: addr(row.tunnel),
    nhcNbma: addr(row.nbma),
    prefixLength: num(row.prefixLength),
    inUse: bool(row.inUse),
  }));
}
