import { describe, expect, it } from 'vitest';

import { parseSyslogLine } from '../../parsers/syslog.js';
import { simulate } from '../engine/index.js';
import { applyFault } from '../faults/catalogue.js';
import type { RouterState } from '../model/state.js';
import { buildNetwork } from '../network/build.js';
import { trapsFromLogs, uptimeFromState } from './from-logs.js';
import { SNMP_TRAP_OID_0, SYS_UPTIME_0, type TrapNotification, type Varbind } from './notification.js';
import { CNE, IF, IPSEC, NHRP, SYSLOG } from './oids.js';

function faultedNetwork(): Map<string, RouterState> {
  const network = buildNetwork({ spokes: 3 });
  applyFault(network, 'nhrp-auth-mismatch', 'spoke1');
  applyFault(network, 'tunnel-flapping', 'spoke2');
  return simulate(network, 900);
}
const states = faultedNetwork();
function router(name: string): RouterState {
  const state = states.get(name);
  if (!state) throw new Error(`no ${name}`);
  return state;
}

/** The log message as our parser reads it (a timestamp in front, as `show logging` prints it). */
function parsed(text: string) {
  const event = parseSyslogLine(`*Nov 25 14:00:00.000: ${text}`);
  if (!event) throw new Error(`unparsed: ${text}`);
  return event;
}

function dotted(value: Varbind['value']): string {
  if (!(value instanceof Uint8Array)) throw new Error(`not bytes: ${String(value)}`);
  return [...value].join('.');
}
function find(trap: TrapNotification, column: string): Varbind {
  const found = trap.varbinds.find((varbind) => varbind.oid.startsWith(`${column}.`));
  if (!found) throw new Error(`no ${column} in ${trap.trapOid}`);
  return found;
}
/** The varbinds' OIDs, instance included. */
function columns(trap: TrapNotification): string[] {
  return trap.varbinds.map((varbind) => varbind.oid);
}
function withoutInstance(oid: string, instance: string): string {
  expect(oid.endsWith(`.${instance}`)).toBe(true);
  return oid.slice(0, -instance.length - 1);
}

const NHRP_TRAP: Record<string, [up: string, down: string]> = {
  nhs: [CNE.nextHopRegServerUp, CNE.nextHopRegServerDown],
  nhc: [CNE.nextHopRegClientUp, CNE.nextHopRegClientDown],
  nhp: [CNE.nextHopPeerUp, CNE.nextHopPeerDown],
};

/** The trap OID our parser's reading of a message calls for, or null for messages with no trap of their own. */
function expectedTrapOid(text: string): string | null {
  const detail = parsed(text).detail;
  if (!detail) return null;
  if (detail.type === 'nhrp_peer') return NHRP_TRAP[detail.role]![detail.up ? 0 : 1];
  if (detail.type === 'crypto_socket') return detail.up ? IPSEC.cipSecTunnelStart : IPSEC.cipSecTunnelStop;
  if (detail.type === 'interface_state' && detail.layer === 'line-protocol') {
    return detail.state === 'up' ? IF.linkUp : IF.linkDown;
  }
  return null;
}

describe('trapsFromLogs on a network with nhrp-auth-mismatch on spoke1 and tunnel-flapping on spoke2', () => {
  for (const name of ['hub1', 'spoke1', 'spoke2']) {
    it(`${name}: one trap per relevant message, of the kind our parser reads, in time order`, () => {
      const state = router(name);
      const traps = trapsFromLogs(state);
      const own = traps.filter((trap) => trap.trapOid !== SYSLOG.clogMessageGenerated);
      const expected = state.logs
        .map((log) => ({ atSeconds: log.atSeconds, trapOid: expectedTrapOid(log.text) }))
        .filter((entry) => entry.trapOid !== null);
      expect(expected.length).toBeGreaterThan(0);
      expect(own.map((trap) => ({ atSeconds: trap.atSeconds, trapOid: trap.trapOid }))).toEqual(expected);
      const uptime = uptimeFromState(state);
      for (let i = 0; i < traps.length; i++) {
        const trap = traps[i]!;
        expect(trap.router).toBe(name);
        expect(trap.varbinds[0]).toEqual({
          oid: SYS_UPTIME_0,
          type: 'TimeTicks',
          value: uptime(trap.atSeconds),
        });
        expect(trap.varbinds[1]).toEqual({
          oid: SNMP_TRAP_OID_0,
          type: 'ObjectIdentifier',
          value: trap.trapOid,
        });
        if (i > 0) expect(trap.atSeconds).toBeGreaterThanOrEqual(traps[i - 1]!.atSeconds);
      }
      // The lab clock's last second is the router's uptime now.
      expect(uptime(state.atSeconds)).toBe(state.uptimeSeconds * 100);
    });
  }

  it('spoke1: the NHS going down on the bad authentication string, with the addresses of the message', () => {
    const state = router('spoke1');
    const log = state.logs.find((entry) => entry.text.startsWith('%DMVPN-5-NHRP_NHS_DOWN'));
    expect(log).toBeDefined();
    const detail = parsed(log!.text).detail;
    if (detail?.type !== 'nhrp_peer') throw new Error('not an nhrp_peer');
    const trap = trapsFromLogs(state).find((entry) => entry.trapOid === CNE.nextHopRegServerDown)!;
    expect(trap.atSeconds).toBe(log!.atSeconds);
    expect(dotted(find(trap, NHRP.clientInternetworkAddr).value)).toBe(detail.localTunnel);
    expect(dotted(find(trap, NHRP.clientNbmaAddr).value)).toBe(detail.localNbma);
    expect(dotted(find(trap, NHRP.clientNhsInternetworkAddr).value)).toBe(detail.peerTunnel);
    expect(dotted(find(trap, NHRP.clientNhsNbmaAddr).value)).toBe(detail.peerNbma);
    expect(find(trap, NHRP.clientNhsNbmaAddr).oid).toBe(`${NHRP.clientNhsNbmaAddr}.1.1`);
    // `Reason: NHRP Registration Failure(NHRP: no error)`: registrationFailure(2), no NHRP error code.
    expect(find(trap, CNE.nextHopDownReason)).toEqual({
      oid: `${CNE.nextHopDownReason}.0`,
      type: 'Integer',
      value: 2,
    });
    expect(find(trap, CNE.nhrpException)).toEqual({
      oid: `${CNE.nhrpException}.0`,
      type: 'Integer',
      value: 0,
    });
  });

  it('hub1: NHC up/down per client, the same nhrpServerNhcIndex for the same client each time', () => {
    const state = router('hub1');
    const traps = trapsFromLogs(state).filter(
      (trap) => trap.trapOid === CNE.nextHopRegClientUp || trap.trapOid === CNE.nextHopRegClientDown,
    );
    const messages = state.logs.filter((log) => /NHRP_NHC_(UP|DOWN)/.test(log.text));
    expect(traps).toHaveLength(messages.length);
    const rowOf = new Map<string, string>();
    traps.forEach((trap, i) => {
      const detail = parsed(messages[i]!.text).detail;
      if (detail?.type !== 'nhrp_peer') throw new Error('not an nhrp_peer');
      const client = find(trap, NHRP.serverNhcInternetworkAddr);
      expect(dotted(client.value)).toBe(detail.peerTunnel);
      expect(dotted(find(trap, NHRP.serverNhcNbmaAddr).value)).toBe(detail.peerNbma);
      expect(dotted(find(trap, NHRP.serverInternetworkAddr).value)).toBe(detail.localTunnel);
      expect(dotted(find(trap, NHRP.serverNbmaAddr).value)).toBe(detail.localNbma);
      const row = client.oid.slice(NHRP.serverNhcInternetworkAddr.length + 1);
      const known = rowOf.get(detail.peerTunnel!);
      if (known) expect(row).toBe(known);
      rowOf.set(detail.peerTunnel!, row);
      if (!detail.up) {
        const reason = find(trap, CNE.nextHopDownReason).value;
        // `External(NHRP: no error)` and `External(NHRP Registration timeout)` are both external(6).
        expect(reason).toBe(6);
      }
    });
    expect(new Set(rowOf.values()).size).toBe(rowOf.size);
    expect(rowOf.size).toBe(3);
  });

  it('spoke2: linkDown/linkUp carry ifIndex, ifDescr, ifType, locIfReason; one ifIndex per interface', () => {
    const state = router('spoke2');
    const traps = trapsFromLogs(state).filter(
      (trap) => trap.trapOid === IF.linkDown || trap.trapOid === IF.linkUp,
    );
    expect(traps.some((trap) => trap.trapOid === IF.linkDown)).toBe(true);
    const ifIndexOf = new Map<string, number>();
    for (const trap of traps) {
      const [index, descr, type, reason] = trap.varbinds.slice(2);
      const ifIndex = index!.value as number;
      expect(index!.oid).toBe(`${IF.ifIndex}.${ifIndex}`);
      expect(descr!.oid).toBe(`${IF.ifDescr}.${ifIndex}`);
      expect(type!.oid).toBe(`${IF.ifType}.${ifIndex}`);
      expect(reason).toEqual({
        oid: `${IF.locIfReason}.${ifIndex}`,
        type: 'OctetString',
        value: trap.trapOid === IF.linkUp ? 'up' : 'down',
      });
      const name = descr!.value as string;
      expect(type!.value).toBe(name.startsWith('Tunnel') ? 131 : 6);
      expect(ifIndex).toBe(state.interfaces.findIndex((view) => view.name === name) + 1);
      if (ifIndexOf.has(name)) expect(ifIndexOf.get(name)).toBe(ifIndex);
      ifIndexOf.set(name, ifIndex);
    }
    expect([...ifIndexOf.keys()].sort()).toEqual(['GigabitEthernet1', 'GigabitEthernet2', 'Tunnel0']);
  });

  it('spoke2: each cipSecTunnelStop names the tunnel of its start and how long it was up', () => {
    const state = router('spoke2');
    const traps = trapsFromLogs(state);
    const starts = traps.filter((trap) => trap.trapOid === IPSEC.cipSecTunnelStart);
    const stops = traps.filter((trap) => trap.trapOid === IPSEC.cipSecTunnelStop);
    expect(stops.length).toBeGreaterThan(0);
    for (const stop of stops) {
      const activeOid = find(stop, IPSEC.tunActiveTime).oid;
      const tunnel = activeOid.slice(IPSEC.tunActiveTime.length + 1);
      const start = starts.find(
        (trap) => find(trap, IPSEC.tunLifeTime).oid === `${IPSEC.tunLifeTime}.${tunnel}`,
      );
      expect(start).toBeDefined();
      expect(find(stop, IPSEC.tunActiveTime).value).toBe(
        Math.round((stop.atSeconds - start!.atSeconds) * 100),
      );
      expect(dotted(find(stop, IPSEC.endPtHistRemoteAddr1).value)).toBe('203.0.113.1');
      expect(dotted(find(stop, IPSEC.endPtHistLocalAddr1).value)).toBe('198.18.0.2');
    }
  });

  it('clogMessageGenerated for messages of warnings or worse by default, for every message at debugging', () => {
    const state = router('hub1');
    const byDefault = trapsFromLogs(state).filter((trap) => trap.trapOid === SYSLOG.clogMessageGenerated);
    const errors = state.logs.filter((log) => (parsed(log.text).severity ?? 7) <= 4);
    expect(errors.length).toBeGreaterThan(0);
    expect(byDefault).toHaveLength(errors.length);
    const all = trapsFromLogs(state, uptimeFromState(state), { historyLevel: 7 }).filter(
      (trap) => trap.trapOid === SYSLOG.clogMessageGenerated,
    );
    expect(all).toHaveLength(state.logs.length);
    all.forEach((trap, i) => {
      const event = parsed(state.logs[i]!.text);
      const [facility, severity, name, text, timestamp] = trap.varbinds.slice(2);
      expect(facility).toEqual({
        oid: `${SYSLOG.clogHistFacility}.${i + 1}`,
        type: 'OctetString',
        value: event.facility,
      });
      expect(severity!.value).toBe((event.severity ?? -1) + 1);
      expect(name!.value).toBe(event.mnemonic);
      expect((text!.value as string).trim()).toBe(event.message);
      expect(timestamp).toEqual({
        oid: `${SYSLOG.clogHistTimestamp}.${i + 1}`,
        type: 'TimeTicks',
        value: trap.varbinds[0]!.value,
      });
    });
  });
});

// The varbind OIDs of the C8000v's traps in knowledge/snmp/...nms-snmptrapd_2026-09-08_023932.txt, instances as
// captured (tunnel 95, endpoint 95.1, history row 94, syslog history row 73).
const CAPTURED = {
  cipSecTunnelStart: {
    trapOid: '1.3.6.1.4.1.9.9.171.2.0.7',
    instances: ['95', '95', '95.1', '95.1', '95.1', '95.1', '95.1', '95.1', '95.1', '95.1'],
    oids: [
      '1.3.6.1.4.1.9.9.171.1.3.2.1.9.95',
      '1.3.6.1.4.1.9.9.171.1.3.2.1.8.95',
      '1.3.6.1.4.1.9.9.171.1.3.3.1.3.95.1',
      '1.3.6.1.4.1.9.9.171.1.3.3.1.4.95.1',
      '1.3.6.1.4.1.9.9.171.1.3.3.1.5.95.1',
      '1.3.6.1.4.1.9.9.171.1.3.3.1.9.95.1',
      '1.3.6.1.4.1.9.9.171.1.3.3.1.10.95.1',
      '1.3.6.1.4.1.9.9.171.1.3.3.1.11.95.1',
      '1.3.6.1.4.1.9.9.171.1.3.3.1.6.95.1',
      '1.3.6.1.4.1.9.9.171.1.3.3.1.7.95.1',
    ],
  },
  cipSecTunnelStop: {
    trapOid: '1.3.6.1.4.1.9.9.171.2.0.8',
    instances: ['95', ...Array<string>(12).fill('94')],
    oids: [
      '1.3.6.1.4.1.9.9.171.1.3.2.1.10.95',
      '1.3.6.1.4.1.9.9.171.1.4.3.1.1.12.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.1.1.10.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.1.1.9.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.1.1.2.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.2.1.5.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.2.1.11.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.2.1.6.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.2.1.7.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.2.1.12.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.2.1.13.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.2.1.8.94',
      '1.3.6.1.4.1.9.9.171.1.4.3.2.1.9.94',
    ],
  },
  clogMessageGenerated: {
    trapOid: '1.3.6.1.4.1.9.9.41.2.0.1',
    instances: Array<string>(5).fill('73'),
    oids: [
      '1.3.6.1.4.1.9.9.41.1.2.3.1.2.73',
      '1.3.6.1.4.1.9.9.41.1.2.3.1.3.73',
      '1.3.6.1.4.1.9.9.41.1.2.3.1.4.73',
      '1.3.6.1.4.1.9.9.41.1.2.3.1.5.73',
      '1.3.6.1.4.1.9.9.41.1.2.3.1.6.73',
    ],
  },
} as const;

/** The objects of each notification without a capture, from the MIBs' OBJECTS clauses. */
const MIB_OBJECTS: Record<string, string[]> = {
  [CNE.nextHopRegServerDown]: [
    NHRP.clientInternetworkAddrType,
    NHRP.clientInternetworkAddr,
    NHRP.clientNbmaAddrType,
    NHRP.clientNbmaAddr,
    NHRP.clientNbmaSubaddr,
    NHRP.clientNhsInternetworkAddrType,
    NHRP.clientNhsInternetworkAddr,
    NHRP.clientNhsNbmaAddrType,
    NHRP.clientNhsNbmaAddr,
    NHRP.clientNhsNbmaSubaddr,
    CNE.nextHopDownReason,
    CNE.nhrpException,
  ],
  [CNE.nextHopRegServerUp]: [
    NHRP.clientInternetworkAddrType,
    NHRP.clientInternetworkAddr,
    NHRP.clientNbmaAddrType,
    NHRP.clientNbmaAddr,
    NHRP.clientNbmaSubaddr,
    NHRP.clientNhsInternetworkAddrType,
    NHRP.clientNhsInternetworkAddr,
    NHRP.clientNhsNbmaAddrType,
    NHRP.clientNhsNbmaAddr,
    NHRP.clientNhsNbmaSubaddr,
    NHRP.clientHoldTime,
    NHRP.clientRegUniqueness,
    NHRP.clientNhsInUse,
  ],
  [CNE.nextHopRegClientUp]: [
    NHRP.serverInternetworkAddrType,
    NHRP.serverInternetworkAddr,
    NHRP.serverNbmaAddrType,
    NHRP.serverNbmaAddr,
    NHRP.serverNbmaSubaddr,
    NHRP.serverNhcInternetworkAddrType,
    NHRP.serverNhcInternetworkAddr,
    NHRP.serverNhcNbmaAddrType,
    NHRP.serverNhcNbmaAddr,
    NHRP.serverNhcNbmaSubaddr,
    NHRP.serverNhcPrefixLength,
    NHRP.serverNhcInUse,
    NHRP.serverCacheUniqueness,
  ],
  [CNE.nextHopRegClientDown]: [
    NHRP.serverInternetworkAddrType,
    NHRP.serverInternetworkAddr,
    NHRP.serverNbmaAddrType,
    NHRP.serverNbmaAddr,
    NHRP.serverNbmaSubaddr,
    NHRP.serverNhcInternetworkAddrType,
    NHRP.serverNhcInternetworkAddr,
    NHRP.serverNhcNbmaAddrType,
    NHRP.serverNhcNbmaAddr,
    NHRP.serverNhcNbmaSubaddr,
    NHRP.serverNhcPrefixLength,
    NHRP.serverCacheUniqueness,
    CNE.nextHopDownReason,
    CNE.nhrpException,
  ],
  [IF.linkDown]: [IF.ifIndex, IF.ifDescr, IF.ifType, IF.locIfReason],
  [IF.linkUp]: [IF.ifIndex, IF.ifDescr, IF.ifType, IF.locIfReason],
};

function columnsOf(oids: readonly string[], instances: readonly string[]): string[] {
  return oids.map((oid, i) => withoutInstance(oid, instances[i]!));
}

describe('trap shapes', () => {
  const traps = ['hub1', 'spoke1', 'spoke2'].flatMap((name) =>
    trapsFromLogs(router(name), undefined, { historyLevel: 7 }),
  );

  for (const [name, captured] of Object.entries(CAPTURED)) {
    it(`${name}: the capture's varbind OIDs in the capture's order, the same instance layout`, () => {
      const ours = traps.filter((trap) => trap.trapOid === captured.trapOid);
      expect(ours.length).toBeGreaterThan(0);
      const want = [SYS_UPTIME_0, SNMP_TRAP_OID_0, ...columnsOf(captured.oids, captured.instances)];
      for (const trap of ours) {
        const objects = trap.varbinds.slice(2);
        expect(objects).toHaveLength(captured.oids.length);
        // Our instance for each object, laid out like the capture's (`T`, `T.1`, history `H`).
        const first = objects[0]!.oid.slice(want[2]!.length + 1);
        const ourInstances = captured.instances.map((instance, i) => {
          const oid = objects[i]!.oid;
          const suffix = oid.slice(want[i + 2]!.length + 1);
          expect(suffix.split('.').length).toBe(instance.split('.').length);
          return suffix;
        });
        expect(ourInstances[0]).toBe(first);
        expect(columns(trap).slice(0, 2)).toEqual(want.slice(0, 2));
        expect(columnsOf(columns(trap).slice(2), ourInstances)).toEqual(want.slice(2));
      }
    });
  }

  it("the capture's clogMessageGenerated of DMVPN_NHRP_ERROR, value for value", () => {
    const text =
      '%DMVPN-3-DMVPN_NHRP_ERROR:  Tunnel0: NHRP Encap Error for  Purge Request , Reason:  protocol generic error (7) on (Tunnel: 172.20.0.3 NBMA: 100.64.0.3)';
    const state = { ...router('spoke1'), logs: [{ atSeconds: 900, text }] };
    // sysUpTime 0:4:41:16.56 as captured.
    const [trap] = trapsFromLogs(state, () => 1687656);
    expect(trap!.varbinds.slice(2).map((varbind) => [varbind.type, varbind.value])).toEqual([
      ['OctetString', 'DMVPN'],
      ['Integer', 4],
      ['OctetString', 'DMVPN_NHRP_ERROR'],
      [
        'OctetString',
        ' Tunnel0: NHRP Encap Error for  Purge Request , Reason:  protocol generic error (7) on (Tunnel: 172.20.0.3 NBMA: 100.64.0.3)',
      ],
      ['TimeTicks', 1687656],
    ]);
  });

  it('the capture-less notifications carry the objects of their MIB OBJECTS clause, in that order', () => {
    for (const [trapOid, objects] of Object.entries(MIB_OBJECTS)) {
      const ours = traps.filter((trap) => trap.trapOid === trapOid);
      expect(ours.length, trapOid).toBeGreaterThan(0);
      for (const trap of ours) {
        const oids = trap.varbinds.slice(2).map((varbind) => varbind.oid);
        expect(oids).toHaveLength(objects.length);
        oids.forEach((oid, i) =>
          expect(oid.startsWith(`${objects[i]!}.`), `${oid} is ${objects[i]!}`).toBe(true),
        );
      }
    }
  });

  it('addresses are the 4 bytes in OCTET STRINGs, as the capture carries IPSIpAddress', () => {
    const start = traps.find((trap) => trap.trapOid === IPSEC.cipSecTunnelStart)!;
    const local = find(start, IPSEC.endPtLocalAddr1);
    expect(local.type).toBe('OctetString');
    expect(local.value).toBeInstanceOf(Uint8Array);
    expect((local.value as Uint8Array).length).toBe(4);
  });
});

describe('next hop peer (phase 3 shortcut) messages', () => {
  it('NHRP_NHP_UP/DOWN -> cneNotifNextHopPeerUp/Down on the peer cache row, the MIB objects in order', () => {
    const up =
      '%DMVPN-5-NHRP_NHP_UP: Tunnel0: Next Hop Peer : (Tunnel: 10.0.0.15 NBMA: 198.18.0.4) for (Tunnel: 10.0.0.14 NBMA: 198.18.0.3) is UP';
    const down =
      '%DMVPN-5-NHRP_NHP_DOWN: Tunnel0: Next Hop Peer : (Tunnel: 10.0.0.15 NBMA: 198.18.0.4 ) for (Tunnel: 10.0.0.14 NBMA: 198.18.0.3) is DOWN, Reason: NHRP: entry expired(NHRP: no error)';
    const state = {
      ...router('spoke1'),
      logs: [
        { atSeconds: 100, text: up },
        { atSeconds: 400, text: down },
      ],
    };
    const [upTrap, downTrap] = trapsFromLogs(state);
    expect(upTrap!.trapOid).toBe(CNE.nextHopPeerUp);
    expect(downTrap!.trapOid).toBe(CNE.nextHopPeerDown);
    const head = [
      NHRP.clientInternetworkAddrType,
      NHRP.clientInternetworkAddr,
      NHRP.clientNbmaAddrType,
      NHRP.clientNbmaAddr,
      NHRP.clientNbmaSubaddr,
      NHRP.cacheNextHopInternetworkAddr,
      NHRP.cacheNbmaAddrType,
      NHRP.cacheNbmaAddr,
      NHRP.cacheNbmaSubaddr,
    ];
    const tunnel0 = state.interfaces.findIndex((view) => view.name === 'Tunnel0') + 1;
    const row = `1.4.10.0.0.15.${tunnel0}.1`;
    for (const [trap, tail] of [
      [upTrap!, [NHRP.cacheType]],
      [downTrap!, [CNE.nextHopDownReason, CNE.nhrpException]],
    ] as const) {
      const oids = trap.varbinds.slice(2).map((varbind) => varbind.oid);
      const want = [...head, ...tail];
      expect(oids).toHaveLength(want.length);
      oids.forEach((oid, i) => expect(oid.startsWith(`${want[i]!}.`)).toBe(true));
      expect(find(trap, NHRP.cacheNbmaAddr).oid).toBe(`${NHRP.cacheNbmaAddr}.${row}`);
      expect(dotted(find(trap, NHRP.cacheNbmaAddr).value)).toBe('198.18.0.4');
      expect(dotted(find(trap, NHRP.clientInternetworkAddr).value)).toBe('10.0.0.14');
    }
    expect(find(downTrap!, CNE.nextHopDownReason).value).toBe(5);
  });
});
