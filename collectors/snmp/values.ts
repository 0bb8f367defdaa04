// Values of net-snmp varbinds in the project's terms: Cisco's 4-byte OCTET STRING addresses as dotted text, Counter64
// (a Buffer of up to 9 bytes) as bigint, TimeTicks as seconds, text as text.

import snmp from 'net-snmp';

export type SnmpValueType =
  | 'Integer'
  | 'OctetString'
  | 'IpAddress'
  | 'Counter32'
  | 'Gauge32'
  | 'TimeTicks'
  | 'ObjectIdentifier'
  | 'Counter64'
  | 'Opaque'
  | 'Null'
  | 'Boolean'
  | 'NoSuchObject'
  | 'NoSuchInstance'
  | 'EndOfMibView';

const TYPE_NAMES = new Map<number, SnmpValueType>([
  [snmp.ObjectType.Boolean, 'Boolean'],
  [snmp.ObjectType.Integer, 'Integer'],
  [snmp.ObjectType.OctetString, 'OctetString'],
  [snmp.ObjectType.Null, 'Null'],
  [snmp.ObjectType.OID, 'ObjectIdentifier'],
  [snmp.ObjectType.IpAddress, 'IpAddress'],
  [snmp.ObjectType.Counter, 'Counter32'],
  [snmp.ObjectType.Gauge, 'Gauge32'],
  [snmp.ObjectType.TimeTicks, 'TimeTicks'],
  [snmp.ObjectType.Opaque, 'Opaque'],
  [snmp.ObjectType.Counter64, 'Counter64'],
  [snmp.ObjectType.NoSuchObject, 'NoSuchObject'],
  [snmp.ObjectType.NoSuchInstance, 'NoSuchInstance'],
  [snmp.ObjectType.EndOfMibView, 'EndOfMibView'],
]);

export function typeName(type: number | undefined): SnmpValueType {
  return TYPE_NAMES.get(type ?? snmp.ObjectType.Null) ?? 'Null';
}

/** NoSuchObject, NoSuchInstance, EndOfMibView: the agent has no value there. */
export function isException(varbind: snmp.Varbind): boolean {
  return snmp.isVarbindError(varbind);
}

/** A Counter64 as net-snmp hands it over (big-endian bytes, a leading zero byte when the top bit is set). */
export function counter64(value: unknown): bigint | null {
  if (Buffer.isBuffer(value)) return value.length === 0 ? 0n : BigInt(`0x${value.toString('hex')}`);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'bigint') return value;
  return null;
}

/** A Cisco address object (IPSIpAddress, NhrpGenAddr): 4 bytes as dotted IPv4, 16 as IPv6; null when empty. */
export function address(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (!Buffer.isBuffer(value) || value.length === 0) return null;
  if (value.length === 4) return [...value].join('.');
  if (value.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(value.readUInt16BE(i).toString(16));
    return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
  }
  return hex(value);
}

/** An OCTET STRING as text when it is printable, else as `64 40 00 03` hex. */
export function octetText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Buffer.isBuffer(value)) return value === undefined || value === null ? '' : String(value);
  const text = value.toString('utf8');
  // eslint-disable-next-line no-control-regex
  return /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]*$/.test(text) ? text : hex(value);
}

function hex(bytes: Buffer): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

export function integer(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** TimeTicks / TimeInterval / TimeStamp (hundredths of a second) as seconds. */
export function hundredthsToSeconds(value: unknown): number | null {
  return typeof value === 'number' ? value / 100 : null;
}

/** TruthValue: true(1), false(2). */
export function truth(value: unknown): boolean | null {
  return value === 1 ? true : value === 2 ? false : null;
}

/** A value for reports and generic rows: numbers, bigint Counter64, addresses/text for OCTET STRINGs. */
export function plainValue(varbind: snmp.Varbind): number | bigint | string | null {
  switch (varbind.type) {
    case snmp.ObjectType.Counter64:
      return counter64(varbind.value);
    case snmp.ObjectType.OctetString:
    case snmp.ObjectType.Opaque:
      return octetText(varbind.value);
    case snmp.ObjectType.Null:
    case snmp.ObjectType.NoSuchObject:
    case snmp.ObjectType.NoSuchInstance:
    case snmp.ObjectType.EndOfMibView:
      return null;
    default:
      return typeof varbind.value === 'number' || typeof varbind.value === 'string'
        ? varbind.value
        : String(varbind.value);
  }
}
