// Our notifications in net-snmp's terms. Session.trap() writes sysUpTime.0 and snmpTrapOID.0 itself, before the
// varbinds it is given (sysUpTime from options.upTime), so the two header varbinds of a TrapNotification become the
// call's arguments instead of varbinds: sending them as well would put each twice in the PDU.

import snmp from 'net-snmp';

import { SNMP_TRAP_OID_0, SYS_UPTIME_0, type TrapNotification, type Varbind } from '../traps/notification.js';

/** What Session.trap() takes for one notification. */
export interface NetSnmpTrap {
  trapOid: string;
  /** sysUpTime.0 of the router, hundredths of a second. */
  upTime: number;
  /** The notification's objects, headers excluded, in order. */
  varbinds: snmp.Varbind[];
}

const MAX_COUNTER64 = (1n << 64n) - 1n;

/** A Counter64 as net-snmp encodes it: 8 bytes, big-endian (it writes a Buffer's bytes as the value's content). */
export function counter64Buffer(value: bigint): Buffer {
  if (value < 0n || value > MAX_COUNTER64) throw new RangeError(`Counter64 out of range: ${value}`);
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(value);
  return bytes;
}

export function toNetSnmpVarbind(varbind: Varbind): snmp.Varbind {
  const { oid } = varbind;
  switch (varbind.type) {
    case 'Integer':
      return { oid, type: snmp.ObjectType.Integer, value: varbind.value };
    case 'Counter32':
      return { oid, type: snmp.ObjectType.Counter32, value: varbind.value };
    case 'Gauge32':
      return { oid, type: snmp.ObjectType.Gauge32, value: varbind.value };
    case 'TimeTicks':
      return { oid, type: snmp.ObjectType.TimeTicks, value: varbind.value };
    case 'OctetString':
      return {
        oid,
        type: snmp.ObjectType.OctetString,
        value: typeof varbind.value === 'string' ? varbind.value : Buffer.from(varbind.value),
      };
    case 'IpAddress':
      return { oid, type: snmp.ObjectType.IpAddress, value: varbind.value };
    case 'ObjectIdentifier':
      return { oid, type: snmp.ObjectType.OID, value: varbind.value };
    case 'Counter64':
      return { oid, type: snmp.ObjectType.Counter64, value: counter64Buffer(varbind.value) };
  }
}

/** The trap() arguments of a notification; throws when its header varbinds are not the two SNMPv2 ones. */
export function toNetSnmpTrap(notification: TrapNotification): NetSnmpTrap {
  const [upTime, trapOid, ...objects] = notification.varbinds;
  if (upTime?.oid !== SYS_UPTIME_0 || upTime.type !== 'TimeTicks') {
    throw new Error(
      `${notification.trapOid} from ${notification.router}: sysUpTime.0 is not its first varbind`,
    );
  }
  if (trapOid?.oid !== SNMP_TRAP_OID_0 || trapOid.value !== notification.trapOid) {
    throw new Error(
      `${notification.trapOid} from ${notification.router}: snmpTrapOID.0 is not its second varbind`,
    );
  }
  return { trapOid: notification.trapOid, upTime: upTime.value, varbinds: objects.map(toNetSnmpVarbind) };
}
