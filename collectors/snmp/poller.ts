// One SNMP poll of a DMVPN router: system, interfaces, IKE and IPsec tunnels (phase 2 joined to phase 1), NHRP cache,
// NHS and NHC rows, each with its timing. It never throws: what fails becomes an error naming the device, and after a
// timeout or an SNMPv3 security failure the rest of the poll is skipped (each further request would fail the same way).

import type snmp from 'net-snmp';

import type { SnmpPollError, SnmpPollResult, SnmpTiming } from '../../model/snmp.js';
import type { InventoryDevice } from '../inventory/device.js';
import { joinIkeTunnels } from './ike-join.js';
import {
  columnOids,
  endpointsOf,
  IF_TABLE,
  IF_X_TABLE,
  IKE_GLOBALS,
  IKE_TUNNEL_TABLE,
  ikeGlobalsOf,
  ikeTunnelsOf,
  interfacesOf,
  IPSEC_ENDPOINT_TABLE,
  IPSEC_GLOBALS,
  IPSEC_TUNNEL_TABLE,
  ipsecGlobalsOf,
  ipsecTunnelsOf,
  NHRP_CACHE_TABLE,
  NHRP_NHC_TABLE,
  NHRP_NHS_TABLE,
  nhrpCacheOf,
  nhrpNhcOf,
  nhrpNhsOf,
  scalarValue,
  SYSTEM_OIDS,
  systemOf,
} from './mib-tables.js';
import { openSnmpSession, SnmpRequestError, type SnmpSession, type SnmpSessionOptions } from './session.js';
import { typeName } from './values.js';
import { getScalars, walkColumns, type WalkOptions } from './walk.js';

export interface SnmpPollOptions extends SnmpSessionOptions, WalkOptions {}

function emptyResult(device: InventoryDevice): SnmpPollResult {
  return {
    device: device.name,
    collectedAt: 0,
    durationMs: 0,
    system: { sysName: null, sysDescr: null, upTimeSeconds: null },
    interfaces: [],
    ike: { globals: null, tunnels: [] },
    ipsec: { globals: null, tunnels: [] },
    nhrp: { cache: [], nhs: [], nhc: [] },
    timings: [],
    errors: [],
  };
}

/** The scalars of a GET by OID; exceptions (the agent lacks the object) are listed apart. */
function scalarMap(
  oids: readonly string[],
  values: snmp.Varbind[],
): { found: Map<string, snmp.Varbind | undefined>; missing: string[] } {
  const found = new Map<string, snmp.Varbind | undefined>();
  const missing: string[] = [];
  oids.forEach((oid, position) => {
    const value = scalarValue(values[position]);
    found.set(oid, value);
    if (!value) missing.push(`${oid} (${typeName(values[position]?.type)})`);
  });
  return { found, missing };
}

export async function pollSnmp(
  device: InventoryDevice,
  options: SnmpPollOptions = {},
): Promise<SnmpPollResult> {
  const started = performance.now();
  const result = emptyResult(device);
  const finish = (): SnmpPollResult => {
    result.collectedAt = Date.now();
    result.durationMs = performance.now() - started;
    return result;
  };
  let session: SnmpSession;
  try {
    session = openSnmpSession(device, options);
  } catch (error) {
    result.errors.push({ table: 'session', message: messageOf(device, error) });
    return finish();
  }
  const timings: SnmpTiming[] = result.timings;
  const errors: SnmpPollError[] = result.errors;
  const walk = async (table: string, oids: string[]) => {
    const walked = await walkColumns(session, table, oids, options);
    timings.push(walked.timing);
    return walked.values;
  };
  const get = async (table: string, oids: readonly string[]) => {
    const answer = await getScalars(session, table, oids);
    timings.push(answer.timing);
    const scalars = scalarMap(oids, answer.values);
    if (scalars.missing.length === oids.length) {
      errors.push({ table, message: `${device.name}: the agent has no ${table} (${scalars.missing[0]})` });
    }
    return scalars;
  };

  const groups: [string, () => Promise<void>][] = [
    [
      'system',
      async () => {
        const { found } = await get('system', Object.values(SYSTEM_OIDS));
        result.system = systemOf(found);
      },
    ],
    [
      'interfaces',
      async () => {
        const values = await walk('ifTable+ifXTable', [...columnOids(IF_TABLE), ...columnOids(IF_X_TABLE)]);
        result.interfaces = interfacesOf(values, values);
      },
    ],
    [
      'ike',
      async () => {
        const globals = await get('cikeGlobalStats', Object.values(IKE_GLOBALS));
        if (globals.missing.length < Object.keys(IKE_GLOBALS).length)
          result.ike.globals = ikeGlobalsOf(globals.found);
        result.ike.tunnels = ikeTunnelsOf(await walk('cikeTunnelTable', columnOids(IKE_TUNNEL_TABLE)));
      },
    ],
    [
      'ipsec',
      async () => {
        const globals = await get('cipSecGlobalStats', Object.values(IPSEC_GLOBALS));
        if (globals.missing.length < Object.keys(IPSEC_GLOBALS).length) {
          result.ipsec.globals = ipsecGlobalsOf(globals.found);
        }
        const values = await walk('cipSecTunnelTable+cipSecEndPtTable', [
          ...columnOids(IPSEC_TUNNEL_TABLE),
          ...columnOids(IPSEC_ENDPOINT_TABLE),
        ]);
        result.ipsec.tunnels = joinIkeTunnels(
          ipsecTunnelsOf(values, endpointsOf(values)),
          result.ike.tunnels,
        );
      },
    ],
    [
      'nhrp',
      async () => {
        const values = await walk('nhrpCacheTable+nhrpClientNhsTable+nhrpServerNhcTable', [
          ...columnOids(NHRP_CACHE_TABLE),
          ...columnOids(NHRP_NHS_TABLE),
          ...columnOids(NHRP_NHC_TABLE),
        ]);
        const names = new Map(result.interfaces.map((row) => [row.ifIndex, row.name]));
        result.nhrp.cache = nhrpCacheOf(values, (ifIndex) => names.get(ifIndex) ?? null);
        result.nhrp.nhs = nhrpNhsOf(values);
        result.nhrp.nhc = nhrpNhcOf(values);
      },
    ],
  ];

  try {
    for (const [position, [group, run]] of groups.entries()) {
      try {
        await run();
      } catch (error) {
        errors.push({ table: group, message: messageOf(device, error) });
        if (error instanceof SnmpRequestError && (error.kind === 'timeout' || error.kind === 'auth')) {
          const skipped = groups.slice(position + 1).map(([name]) => name);
          if (skipped.length > 0) {
            const after = error.kind === 'timeout' ? 'the timeout' : 'the SNMPv3 failure';
            errors.push({ table: skipped.join(','), message: `${device.name}: skipped after ${after}` });
          }
          break;
        }
      }
    }
  } finally {
    session.close();
  }
  return finish();
}

function messageOf(device: InventoryDevice, error: unknown): string {
  if (error instanceof SnmpRequestError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return text.startsWith(`${device.name}:`) ? text : `${device.name}: ${text}`;
}
