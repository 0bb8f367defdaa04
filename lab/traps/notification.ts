// The SNMPv2 notification a simulated router sends, as the wire layer (net-snmp) will need it: the trap OID and the
// varbinds in the order the router puts them, sysUpTime.0 and snmpTrapOID.0 first as every SNMPv2-Trap-PDU carries.

/** The SMI types a varbind of ours can carry (net-snmp's ObjectType names). */
export type VarbindType =
  | 'Integer'
  | 'OctetString'
  | 'IpAddress'
  | 'Counter32'
  | 'Gauge32'
  | 'TimeTicks'
  | 'ObjectIdentifier'
  | 'Counter64';

/**
 * One varbind. `OctetString` is text (`"DMVPN"`) or raw bytes: Cisco's address objects (`NhrpGenAddr`,
 * `IPSIpAddress`) are OCTET STRINGs of the 4 address bytes on the wire (the capture shows `"64 40 00 03 "`), not
 * IpAddress. `TimeTicks` are hundredths of a second; `Counter64` is a bigint; `IpAddress` is dotted text.
 */
export type Varbind =
  | { oid: string; type: 'Integer' | 'Counter32' | 'Gauge32' | 'TimeTicks'; value: number }
  | { oid: string; type: 'OctetString'; value: string | Uint8Array }
  | { oid: string; type: 'IpAddress' | 'ObjectIdentifier'; value: string }
  | { oid: string; type: 'Counter64'; value: bigint };

export interface TrapNotification {
  /** Lab clock second of the log message the trap goes with. */
  atSeconds: number;
  /** Hostname of the sending router. */
  router: string;
  /** The notification's OID, also the value of the snmpTrapOID.0 varbind. */
  trapOid: string;
  /** sysUpTime.0, snmpTrapOID.0, then the notification's objects in the order IOS sends them. */
  varbinds: Varbind[];
}

export const SYS_UPTIME_0 = '1.3.6.1.2.1.1.3.0';
export const SNMP_TRAP_OID_0 = '1.3.6.1.6.3.1.1.4.1.0';

/** The 4 bytes of a dotted IPv4 address, as Cisco's OCTET STRING address objects carry them. */
export function ipv4Octets(address: string): Uint8Array {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) {
    throw new Error(`not an IPv4 address: "${address}"`);
  }
  return Uint8Array.from(parts);
}

/** A notification with the two SNMPv2 header varbinds before `objects`. */
export function notification(
  router: string,
  atSeconds: number,
  sysUpTime: number,
  trapOid: string,
  objects: Varbind[],
): TrapNotification {
  return {
    atSeconds,
    router,
    trapOid,
    varbinds: [
      { oid: SYS_UPTIME_0, type: 'TimeTicks', value: sysUpTime },
      { oid: SNMP_TRAP_OID_0, type: 'ObjectIdentifier', value: trapOid },
      ...objects,
    ],
  };
}
