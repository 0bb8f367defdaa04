import snmp from 'net-snmp';
import { describe, expect, it } from 'vitest';

import { notification, SNMP_TRAP_OID_0, SYS_UPTIME_0 } from '../traps/notification.js';
import { counter64Buffer, toNetSnmpTrap, toNetSnmpVarbind } from './trap-varbinds.js';
import { faultedStates, labTick } from './test-ticks.js';

describe('net-snmp varbinds', () => {
  it('carries each of our types as net-snmp encodes it', () => {
    expect(toNetSnmpVarbind({ oid: '1.1', type: 'Integer', value: -3 })).toEqual({
      oid: '1.1',
      type: snmp.ObjectType.Integer,
      value: -3,
    });
    expect(
      toNetSnmpVarbind({ oid: '1.2', type: 'OctetString', value: Uint8Array.of(100, 64, 0, 3) }),
    ).toEqual({
      oid: '1.2',
      type: snmp.ObjectType.OctetString,
      value: Buffer.from([100, 64, 0, 3]),
    });
    expect(toNetSnmpVarbind({ oid: '1.3', type: 'OctetString', value: 'DMVPN' }).value).toBe('DMVPN');
    expect(toNetSnmpVarbind({ oid: '1.4', type: 'ObjectIdentifier', value: '1.3.6.1' }).type).toBe(
      snmp.ObjectType.OID,
    );
    expect(toNetSnmpVarbind({ oid: '1.5', type: 'Counter32', value: 7 }).type).toBe(65);
    expect(toNetSnmpVarbind({ oid: '1.6', type: 'Gauge32', value: 7 }).type).toBe(66);
    expect(toNetSnmpVarbind({ oid: '1.7', type: 'TimeTicks', value: 7 }).type).toBe(67);
    expect(toNetSnmpVarbind({ oid: '1.8', type: 'IpAddress', value: '10.0.0.1' })).toEqual({
      oid: '1.8',
      type: snmp.ObjectType.IpAddress,
      value: '10.0.0.1',
    });
    expect(toNetSnmpVarbind({ oid: '1.9', type: 'Counter64', value: 2n ** 40n + 5n })).toEqual({
      oid: '1.9',
      type: snmp.ObjectType.Counter64,
      value: Buffer.from([0, 0, 1, 0, 0, 0, 0, 5]),
    });
  });

  it('encodes Counter64 as 8 big-endian bytes and refuses what does not fit', () => {
    expect(counter64Buffer(0n)).toEqual(Buffer.alloc(8));
    expect(counter64Buffer(2n ** 64n - 1n)).toEqual(Buffer.alloc(8, 0xff));
    expect(() => counter64Buffer(2n ** 64n)).toThrow(RangeError);
    expect(() => counter64Buffer(-1n)).toThrow(RangeError);
  });

  it('turns the two SNMPv2 header varbinds into trap() arguments, the objects kept in order', () => {
    const tick = labTick(faultedStates(), 0, 900);
    expect(tick.traps.length).toBeGreaterThan(20);
    for (const trap of tick.traps) {
      const converted = toNetSnmpTrap(trap);
      expect(converted.trapOid).toBe(trap.trapOid);
      expect(converted.upTime).toBe(trap.varbinds[0]!.value);
      expect(converted.varbinds.map((varbind) => varbind.oid)).toEqual(
        trap.varbinds.slice(2).map((v) => v.oid),
      );
      expect(converted.varbinds.some((v) => v.oid === SYS_UPTIME_0 || v.oid === SNMP_TRAP_OID_0)).toBe(false);
    }
  });

  it('refuses a notification whose headers are missing or disagree with its trap OID', () => {
    const good = notification('hub1', 1, 100, '1.3.6.1.6.3.1.1.5.4', []);
    expect(() => toNetSnmpTrap({ ...good, varbinds: good.varbinds.slice(1) })).toThrow(/sysUpTime/);
    expect(() => toNetSnmpTrap({ ...good, trapOid: '1.3.6.1.6.3.1.1.5.3' })).toThrow(/snmpTrapOID/);
  });
});
