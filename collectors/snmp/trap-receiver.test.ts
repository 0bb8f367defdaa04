import snmp from 'net-snmp';
import { afterEach, describe, expect, it } from 'vitest';

import type { ReportedTunnelEvent } from '../../model/tunnel-event.js';
import { startLabEmitters } from '../../lab/emit/emitters.js';
import { waitFor } from '../../lab/emit/test-receivers.js';
import { faultedStates, labTick } from '../../lab/emit/test-ticks.js';
import { createTrapSender } from '../../lab/emit/trap-sender.js';
import { createLiveLab } from '../../lab/live/live-lab.js';
import type { LabEmitSettings } from '../../lab/live/services.js';
import type { TrapNotification } from '../../lab/traps/notification.js';
import { tunnelEventFromTrap } from './trap-events.js';
import {
  startTrapReceiver,
  type ReceivedNotification,
  type RejectedNotification,
  type RunningTrapReceiver,
} from './trap-receiver.js';

const SNMP: LabEmitSettings['snmp'] = {
  community: 'lab-public',
  v3: {
    user: 'labv3',
    authProtocol: 'sha',
    authKey: 'auth-pass-123',
    privProtocol: 'aes',
    privKey: 'priv-pass-456',
  },
};
const USER = {
  name: 'labv3',
  authProtocol: 'sha',
  authKey: 'auth-pass-123',
  privProtocol: 'aes',
  privKey: 'priv-pass-456',
} as const;

const tickTraps = labTick(faultedStates(), 0, 900).traps;

interface Collected {
  receiver: RunningTrapReceiver;
  notifications: ReceivedNotification[];
  rejected: RejectedNotification[];
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function receiver(deviceByAddress?: (address: string) => string | undefined): Promise<Collected> {
  const notifications: ReceivedNotification[] = [];
  const rejected: RejectedNotification[] = [];
  const running = await startTrapReceiver({
    host: '127.0.0.1',
    port: 0,
    communities: [SNMP.community],
    users: [USER],
    deviceByAddress,
    onNotification: (notification) => notifications.push(notification),
    onRejected: (rejection) => rejected.push(rejection),
  });
  open.push(running);
  return { receiver: running, notifications, rejected };
}

async function send(
  port: number,
  version: '2c' | '3',
  traps: TrapNotification[],
  settings = SNMP,
): Promise<void> {
  const sender = createTrapSender({ host: '127.0.0.1', port, version }, settings);
  for (const trap of traps) sender.send(trap);
  await sender.close();
}

function sameTraps(received: ReceivedNotification[], sent: TrapNotification[]): void {
  const key = (router: string, trapOid: string, count: number): string => `${router} ${trapOid} ${count}`;
  const summary = (
    items: { router: string; trapOid: string; varbinds: unknown[] }[],
    headers: number,
  ): string[] => items.map((item) => key(item.router, item.trapOid, item.varbinds.length - headers)).sort();
  expect(summary(received, 0)).toEqual(summary(sent, 2));
}

describe('trap receiver with the lab trap sender', () => {
  it.each(['2c', '3'] as const)(
    'receives every SNMPv%s trap of a tick, naming router, notification and objects',
    async (version) => {
      const collected = await receiver();
      await send(collected.receiver.port, version, tickTraps);
      await waitFor(() => collected.notifications.length === tickTraps.length, 'every trap');
      sameTraps(collected.notifications, tickTraps);
      expect(collected.rejected).toEqual([]);
      const first = collected.notifications[0]!;
      expect(first.version).toBe(version);
      expect(first.user).toBe(version === '3' ? 'labv3' : null);
      expect(first.source.address).toBe('127.0.0.1');
      expect(first.upTimeSeconds).toBe(
        (tickTraps.find((trap) => trap.router === first.router && trap.trapOid === first.trapOid)!
          .varbinds[0]!.value as number) / 100,
      );

      const clientDown = collected.notifications.find(
        (notification) => notification.name === 'cneNotifNextHopRegClientDown',
      )!;
      expect(clientDown.router).toBe('hub1');
      expect(clientDown.varbinds.find((varbind) => varbind.name === 'nhrpServerNhcNbmaAddr')?.value).toBe(
        '198.18.0.2',
      );
      expect(clientDown.varbinds.find((varbind) => varbind.name === 'nhrpServerNhcNbmaSubaddr')?.value).toBe(
        '',
      );

      const events = collected.notifications
        .map((notification) => tunnelEventFromTrap(notification, (_router, ifIndex) => `ifIndex-${ifIndex}`))
        .filter((event): event is ReportedTunnelEvent => event !== null);
      expect(tunnelEventFromTrap(clientDown, (_router, ifIndex) => `ifIndex-${ifIndex}`)).toMatchObject({
        device: 'hub1',
        source: 'trap',
        layer: 'nhrp',
        kind: 'down',
        from: 'UP',
        to: 'DOWN',
        peer: '198.18.0.2',
        peerTunnel: '10.0.0.13',
        reason: 'external (no error)',
        interface: expect.stringMatching(/^ifIndex-\d+$/),
      });
      const names = (name: string): number =>
        collected.notifications.filter((notification) => notification.name === name).length;
      const ipsecAndNhrp = ['cipSecTunnelStart', 'cipSecTunnelStop', 'linkUp', 'linkDown']
        .map(names)
        .reduce((a, b) => a + b);
      const nextHops = collected.notifications.filter((notification) =>
        notification.name.startsWith('cneNotifNextHop'),
      ).length;
      const stateLogs = collected.notifications.filter(
        (notification) =>
          notification.name === 'clogMessageGenerated' &&
          /^(LINK|LINEPROTO)$/.test(
            String(notification.varbinds.find((varbind) => varbind.name === 'clogHistFacility')?.value),
          ),
      ).length;
      expect(events).toHaveLength(ipsecAndNhrp + nextHops + stateLogs);
      const stop = events.find((event) => event.raw.startsWith('cipSecTunnelStop'))!;
      expect(stop).toMatchObject({ layer: 'crypto', kind: 'down', reason: 'other' });
      expect(stop.peerNbma).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      const linkDown = events.find((event) => event.raw.startsWith('linkDown'))!;
      expect(linkDown.interface).toMatch(/^(Tunnel0|GigabitEthernet\d)$/);
      expect(linkDown.layer).toBe(linkDown.interface === 'Tunnel0' ? 'tunnel' : 'interface');
    },
  );

  it('names a router by its source address when the community is the plain one', async () => {
    const collected = await receiver((address) => (address === '127.0.0.1' ? 'branch-7' : undefined));
    const session = snmp.createSession('127.0.0.1', SNMP.community, {
      version: snmp.Version2c,
      trapPort: collected.receiver.port,
    });
    await new Promise<void>((resolve, reject) =>
      session.trap(
        '1.3.6.1.6.3.1.1.5.3',
        [{ oid: '1.3.6.1.2.1.2.2.1.1.9', type: snmp.ObjectType.Integer, value: 9 }],
        (error: Error | null) => (error ? reject(error) : resolve()),
      ),
    );
    session.close();
    await waitFor(() => collected.notifications.length === 1, 'the trap');
    expect(collected.notifications[0]).toMatchObject({ router: 'branch-7', name: 'linkDown', version: '2c' });
    expect(tunnelEventFromTrap(collected.notifications[0]!)).toMatchObject({
      device: 'branch-7',
      interface: 'ifIndex 9',
      layer: 'interface',
    });
  });

  it('takes SNMPv1 traps in their SNMPv2 form (RFC 3584)', async () => {
    const collected = await receiver();
    const session = snmp.createSession('127.0.0.1', `${SNMP.community}@spoke4`, {
      version: snmp.Version1,
      trapPort: collected.receiver.port,
    });
    const sent = (typeOrOid: string | number): Promise<void> =>
      new Promise<void>((resolve, reject) =>
        session.trap(
          typeOrOid,
          [{ oid: '1.3.6.1.2.1.2.2.1.2.3', type: snmp.ObjectType.OctetString, value: 'Tunnel0' }],
          (error: Error | null) => (error ? reject(error) : resolve()),
        ),
      );
    await sent(snmp.TrapType.LinkUp);
    await sent('1.3.6.1.4.1.9.9.171.2.0.8');
    session.close();
    await waitFor(() => collected.notifications.length === 2, 'the v1 traps');
    expect(
      collected.notifications.map(({ version, router, trapOid, name }) => ({
        version,
        router,
        trapOid,
        name,
      })),
    ).toEqual([
      { version: '1', router: 'spoke4', trapOid: '1.3.6.1.6.3.1.1.5.4', name: 'linkUp' },
      { version: '1', router: 'spoke4', trapOid: '1.3.6.1.4.1.9.9.171.2.0.8', name: 'cipSecTunnelStop' },
    ]);
    expect(tunnelEventFromTrap(collected.notifications[0]!)).toMatchObject({
      interface: 'Tunnel0',
      layer: 'tunnel',
      kind: 'up',
    });
  });

  it('rejects a wrong community and wrong v3 keys, counting them, and keeps receiving', async () => {
    const collected = await receiver();
    const sample = tickTraps.slice(0, 3);
    await send(collected.receiver.port, '2c', sample, { ...SNMP, community: 'guess' });
    await send(collected.receiver.port, '3', sample, {
      ...SNMP,
      v3: { ...SNMP.v3, authKey: 'wrong-key-999' },
    });
    await send(collected.receiver.port, '3', sample, { ...SNMP, v3: { ...SNMP.v3, user: 'nobody' } });
    await waitFor(() => collected.receiver.stats().rejected === 9, 'the rejections');
    expect(collected.notifications).toEqual([]);
    const reasons = collected.rejected.map((rejection) => rejection.reason).join('\n');
    expect(reasons).toMatch(/community/i);
    expect(reasons).toMatch(/authentication|digest/i);
    expect(reasons).toMatch(/nobody/);
    await send(collected.receiver.port, '3', sample);
    await waitFor(() => collected.notifications.length === 3, 'the good traps after them');
  });

  it('receives the traps of a live lab tick', async () => {
    const lab = createLiveLab({ spokes: 2 }, { speed: 30, tickSeconds: 0.2 });
    open.push({ close: async () => lab.close() });
    const sent: TrapNotification[] = [];
    lab.onTick((tick) => sent.push(...tick.traps));
    const collected = await receiver();
    const emitters = startLabEmitters(lab, {
      syslog: [],
      traps: [{ host: '127.0.0.1', port: collected.receiver.port, version: '3' }],
      snmp: SNMP,
    });
    open.unshift(emitters);
    lab.flap('spoke1', 10, 3);
    await waitFor(
      () =>
        collected.notifications.some((notification) => notification.name === 'cneNotifNextHopRegServerDown'),
      'a next hop down trap',
      10_000,
    );
    await emitters.close();
    await waitFor(() => collected.notifications.length === sent.length, 'every trap sent');
    sameTraps(collected.notifications, sent);
    const down = collected.notifications.find(
      (notification) => notification.name === 'cneNotifNextHopRegServerDown',
    )!;
    expect(tunnelEventFromTrap(down)).toMatchObject({
      device: 'spoke1',
      layer: 'nhrp',
      kind: 'down',
      peerNbma: '203.0.113.1',
      peerTunnel: '10.0.0.1',
    });
  });
});
