import { createSocket } from 'node:dgram';

import snmp from 'net-snmp';
import { afterEach, describe, expect, it } from 'vitest';

import type { LabEmitSettings, TrapReceiver } from '../live/services.js';
import { notification, type TrapNotification, type Varbind } from '../traps/notification.js';
import { createTrapSender, routerEngineId, v2cCommunity, v3User, type TrapSender } from './trap-sender.js';
import { waitFor } from './test-receivers.js';
import { faultedStates, labTick } from './test-ticks.js';

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

interface ReceivedTrap {
  community?: string;
  user?: string;
  contextName?: string;
  contextEngineID?: string;
  varbinds: snmp.Varbind[];
}

/** A UDP port nothing listens on: net-snmp's receiver takes port 0 as "the default, 162". */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

async function netSnmpReceiver(): Promise<{ port: number; traps: ReceivedTrap[]; close(): Promise<void> }> {
  const port = await freeUdpPort();
  const traps: ReceivedTrap[] = [];
  const errors: unknown[] = [];
  const receiver = snmp.createReceiver(
    { port, address: '127.0.0.1', disableAuthorization: true, includeAuthentication: true },
    (error: unknown, data: { pdu: ReceivedTrap }) => {
      if (error) errors.push(error);
      else traps.push(data.pdu);
    },
  );
  receiver.getAuthorizer().addUser(v3User(SNMP.v3));
  return {
    port,
    traps,
    close: () =>
      new Promise((resolve, reject) => {
        receiver.close(() => (errors.length > 0 ? reject(new Error(String(errors[0]))) : resolve()));
      }),
  };
}

/** A varbind as the receiver decodes it: OCTET STRINGs and Counter64 as bytes. */
function decoded(varbind: Varbind): { oid: string; type: number; value: unknown } {
  const converted = {
    Integer: snmp.ObjectType.Integer,
    OctetString: snmp.ObjectType.OctetString,
    IpAddress: snmp.ObjectType.IpAddress,
    Counter32: snmp.ObjectType.Counter32,
    Gauge32: snmp.ObjectType.Gauge32,
    TimeTicks: snmp.ObjectType.TimeTicks,
    ObjectIdentifier: snmp.ObjectType.OID,
    Counter64: snmp.ObjectType.Counter64,
  }[varbind.type];
  if (varbind.type === 'OctetString')
    return { oid: varbind.oid, type: converted, value: Buffer.from(varbind.value) };
  if (varbind.type === 'Counter64') return { oid: varbind.oid, type: converted, value: varbind.value };
  return { oid: varbind.oid, type: converted, value: varbind.value };
}

function received(varbind: snmp.Varbind): { oid: string; type: number; value: unknown } {
  const value =
    varbind.type === snmp.ObjectType.Counter64 && Buffer.isBuffer(varbind.value)
      ? BigInt(`0x${varbind.value.toString('hex') || '0'}`)
      : varbind.value;
  return { oid: varbind.oid, type: varbind.type!, value };
}

/** One notification with every type of ours, for the types the routers' own traps do not use. */
const EVERY_TYPE = notification('hub1', 5, 123456, '1.3.6.1.4.1.9.9.999.0.1', [
  { oid: '1.3.6.1.4.1.9.9.999.1.1', type: 'Integer', value: -42 },
  { oid: '1.3.6.1.4.1.9.9.999.1.2', type: 'OctetString', value: 'DMVPN' },
  { oid: '1.3.6.1.4.1.9.9.999.1.3', type: 'OctetString', value: Uint8Array.of(100, 64, 0, 3) },
  { oid: '1.3.6.1.4.1.9.9.999.1.4', type: 'IpAddress', value: '198.18.0.1' },
  { oid: '1.3.6.1.4.1.9.9.999.1.5', type: 'Counter32', value: 4294967295 },
  { oid: '1.3.6.1.4.1.9.9.999.1.6', type: 'Gauge32', value: 300 },
  { oid: '1.3.6.1.4.1.9.9.999.1.7', type: 'TimeTicks', value: 99 },
  { oid: '1.3.6.1.4.1.9.9.999.1.8', type: 'ObjectIdentifier', value: '1.3.6.1.6.3.1.1.5.4' },
  { oid: '1.3.6.1.4.1.9.9.999.1.9', type: 'Counter64', value: 2n ** 63n + 12345n },
]);

const tickTraps = labTick(faultedStates(), 0, 900).traps;

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function sendAll(receiver: TrapReceiver, traps: TrapNotification[]): Promise<TrapSender> {
  const sender = createTrapSender(receiver, SNMP);
  for (const trap of traps) sender.send(trap);
  await sender.close();
  return sender;
}

function byRouter(traps: readonly TrapNotification[], router: string): TrapNotification[] {
  return traps.filter((trap) => trap.router === router);
}

describe('trap sender, net-snmp receiver', () => {
  it('sends v2c traps with COMMUNITY@hostname and the varbinds we built, once each, in order', async () => {
    const receiver = await netSnmpReceiver();
    open.push(receiver);
    const traps = [EVERY_TYPE, ...tickTraps];
    const sender = await sendAll({ host: '127.0.0.1', port: receiver.port, version: '2c' }, traps);
    expect(sender.sent()).toBe(traps.length);
    expect(sender.failed()).toBe(0);
    await waitFor(() => receiver.traps.length === traps.length, 'every trap');
    for (const router of ['hub1', 'spoke1', 'spoke2']) {
      const got = receiver.traps.filter((trap) => trap.community === v2cCommunity('lab-public', router));
      expect(got.map((trap) => trap.varbinds.map(received))).toEqual(
        byRouter(traps, router).map((trap) => trap.varbinds.map(decoded)),
      );
    }
    expect(new Set(receiver.traps.map((trap) => trap.community))).toEqual(
      new Set(['lab-public@hub1', 'lab-public@spoke1', 'lab-public@spoke2']),
    );
  });

  it('sends v3 authPriv traps with the hostname as context, from the router as authoritative engine', async () => {
    const receiver = await netSnmpReceiver();
    open.push(receiver);
    const traps = [EVERY_TYPE, ...byRouter(tickTraps, 'spoke1')];
    const sender = await sendAll({ host: '127.0.0.1', port: receiver.port, version: '3' }, traps);
    expect(sender.failed()).toBe(0);
    await waitFor(() => receiver.traps.length === traps.length, 'every trap');
    const hub = receiver.traps.filter((trap) => trap.contextName === 'hub1');
    const spoke = receiver.traps.filter((trap) => trap.contextName === 'spoke1');
    expect(hub.map((trap) => trap.varbinds.map(received))).toEqual([EVERY_TYPE.varbinds.map(decoded)]);
    expect(spoke.map((trap) => trap.varbinds.map(received))).toEqual(
      byRouter(traps, 'spoke1').map((trap) => trap.varbinds.map(decoded)),
    );
    expect(new Set(receiver.traps.map((trap) => trap.user))).toEqual(new Set(['labv3']));
    expect(hub[0]!.contextEngineID).toBe(routerEngineId('hub1').toLowerCase());
    expect(spoke[0]!.contextEngineID).toBe(routerEngineId('spoke1').toLowerCase());
  });

  it('gives each router an IOS-form engine ID of its own', () => {
    expect(routerEngineId('hub1')).toMatch(/^800000090300[0-9a-f]{12}$/);
    expect(routerEngineId('hub1')).not.toBe(routerEngineId('spoke1'));
  });

  it('counts a notification it cannot encode as failed and goes on', async () => {
    const receiver = await netSnmpReceiver();
    open.push(receiver);
    const broken = { ...EVERY_TYPE, varbinds: EVERY_TYPE.varbinds.slice(1) };
    const sender = await sendAll({ host: '127.0.0.1', port: receiver.port, version: '2c' }, [
      broken,
      EVERY_TYPE,
    ]);
    expect(sender.failed()).toBe(1);
    expect(sender.sent()).toBe(1);
    await waitFor(() => receiver.traps.length === 1, 'the good trap');
  });
});
