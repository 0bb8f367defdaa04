// The watcher on a running lab with a real inventory: SNMP polls read every table a DMVPN router has, and a fault
// injected while it runs arrives as tunnel edges by syslog, trap and poll, each edge kept once.

import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInventory, type Inventory } from '../../collectors/inventory/load.js';
import { Watcher } from '../../collectors/scheduler/watcher.js';
import { pollSnmp } from '../../collectors/snmp/poller.js';
import { KnownHosts } from '../../collectors/ssh/known-hosts.js';
import { inventoryYaml } from '../../lab/control/inventory.js';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';
import type { TunnelEvent } from '../../model/finding.js';
import type { SnmpPollResult } from '../../model/snmp.js';

let directory: string;
let running: RunningLab;
let inventory: Inventory;
let syslogPort: number;
let trapPort: number;

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'watch-lab-'));
  [syslogPort, trapPort] = [await freeUdpPort(), await freeUdpPort()];
  running = await startLab({
    network: { spokes: 3 },
    // Settled: every spoke registered long ago. Ten lab seconds a second: a fault shows within a second or two.
    historySeconds: 900,
    speed: 10,
    tickSeconds: 0.1,
    dataDir: join(directory, 'lab'),
    syslog: [{ host: '127.0.0.1', port: syslogPort, transport: 'udp' }],
    traps: [{ host: '127.0.0.1', port: trapPort, version: '2c' }],
  });
  inventory = parseInventory(inventoryYaml(running.inventory(), running.controlUrl), 'inventory.yaml', {});
});

afterAll(async () => {
  await running?.close();
  rmSync(directory, { recursive: true, force: true });
});

const deviceOf = (name: string) => inventory.devices.find((device) => device.name === name)!;
const nbmaOf = (name: string) => running.lab.config(name).wan.address;

/** The tunnel an edge is about, as the merger sees it: the peer when named, else the interface. */
const tunnelOf = (event: TunnelEvent): string => `${event.device} ${event.peer || event.interface}`;

async function until(condition: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Changes the lab in a lab second that no tick has sent yet: the emitters send each second once, so what a change
 * logs in a second already sent would never reach a receiver.
 */
async function betweenTicks(change: () => unknown): Promise<void> {
  let sent = -1;
  const unsubscribe = running.lab.onTick((tick) => (sent = tick.toSeconds));
  try {
    await until(() => sent >= 0 && Math.floor(running.lab.now()) > sent, 'a lab second not yet sent');
    change();
  } finally {
    unsubscribe();
  }
}

async function watch(listen: { syslog: boolean; traps: boolean }) {
  const events: TunnelEvent[] = [];
  const polled: string[] = [];
  const errors: string[] = [];
  const watcher = await Watcher.start(
    {
      inventory,
      knownHosts: new KnownHosts(join(directory, 'known-hosts.json')),
      concurrency: 4,
      syslog: listen.syslog ? { host: '127.0.0.1', udpPort: syslogPort, tcpPort: null } : null,
      traps: listen.traps ? { host: '127.0.0.1', port: trapPort, communities: ['public'], users: [] } : null,
      pollAtStart: true,
    },
    {
      onPoll: ({ snapshot }) => void polled.push(snapshot.device),
      onEvents: (fresh) => void events.push(...fresh),
      onError: (error) => void errors.push(error.message),
    },
  );
  await until(() => polled.length >= inventory.devices.length, 'the first polls');
  return { watcher, events, polled, errors };
}

describe('SNMP polls of the lab through its inventory', () => {
  it('reads every table of the hub: interfaces, IKE and IPsec tunnels, NHRP clients and cache', async () => {
    const hub = await pollSnmp(deviceOf('hub1'));
    expect(hub.errors).toEqual([]);
    expect(hub.system.sysName).toBe('hub1');
    expect(hub.interfaces.find((row) => row.name === 'Tunnel0')).toMatchObject({
      type: 131,
      operStatus: 'up',
      adminUp: true,
      lastChangeSeconds: expect.any(Number),
    });
    const spokes = ['spoke1', 'spoke2', 'spoke3'].map(nbmaOf).sort();
    const remotes = (rows: readonly { remoteAddress: string | null }[]) =>
      rows.map((row) => row.remoteAddress).sort();
    expect(remotes(hub.ike.tunnels)).toEqual(spokes);
    expect(remotes(hub.ipsec.tunnels)).toEqual(spokes);
    expect(hub.ipsec.tunnels.every((row) => row.ikeJoin === 'ike-index' && row.active)).toBe(true);
    expect(hub.ipsec.globals?.activeTunnels).toBe(3);
    expect(hub.ike.globals?.activeTunnels).toBe(3);
    expect(hub.nhrp.nhc.map((row) => row.nhcNbma).sort()).toEqual(spokes);
    expect(hub.nhrp.nhs).toEqual([]);
    expect(hub.nhrp.cache.map((row) => row.nbma).sort()).toEqual(expect.arrayContaining(spokes));
    expect(hub.nhrp.cache.every((row) => row.interface === 'Tunnel0')).toBe(true);
  });

  it('reads a spoke: its hub as IKE and IPsec peer and as NHS in use', async () => {
    const spoke: SnmpPollResult = await pollSnmp(deviceOf('spoke2'));
    expect(spoke.errors).toEqual([]);
    const hub = nbmaOf('hub1');
    expect(spoke.ike.tunnels.map((row) => row.remoteAddress)).toEqual([hub]);
    expect(spoke.ipsec.tunnels).toEqual([
      expect.objectContaining({ remoteAddress: hub, localAddress: nbmaOf('spoke2'), ikeJoin: 'ike-index' }),
    ]);
    expect(spoke.nhrp.nhs).toEqual([expect.objectContaining({ nhsNbma: hub, inUse: true })]);
    expect(spoke.nhrp.nhc).toEqual([]);
  });
});

describe('tunnel edges of a fault from syslog, traps and polls', () => {
  it('hears the edges by trap, and by syslog and trap together keeps each edge once', async () => {
    const hubNbma = nbmaOf('hub1');
    const spoke1 = nbmaOf('spoke1');
    const expected = [`hub1 ${spoke1}`, 'spoke1 Tunnel0', `spoke1 ${hubNbma}`].sort();

    const trapsOnly = await watch({ syslog: false, traps: true });
    await betweenTicks(() => running.lab.injectFault('tunnel-admin-down', 'spoke1'));
    const downs = () => trapsOnly.events.filter((event) => event.to === 'DOWN');
    await until(() => downs().length >= 3, 'the down edges by trap');
    await trapsOnly.watcher.stop();
    expect(downs().map(tunnelOf).sort()).toEqual(expected);
    expect(new Set(trapsOnly.events.map((event) => event.source))).toEqual(new Set(['trap']));

    const both = await watch({ syslog: true, traps: true });
    await betweenTicks(() => running.lab.clearFault('tunnel-admin-down', 'spoke1'));
    const ups = () => both.events.filter((event) => event.to === 'UP');
    await until(() => ups().length >= 3, 'the up edges by syslog or trap');
    // Polls after the edge see the same change again: a repeat, not a new edge.
    await Promise.all([both.watcher.pollNow('hub1'), both.watcher.pollNow('spoke1')]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await both.watcher.stop();
    expect(ups().map(tunnelOf).sort()).toEqual(expected);
    expect(both.events.map(tunnelOf).sort()).toEqual(expected);
    expect(both.events.every((event) => event.source === 'syslog' || event.source === 'trap')).toBe(true);
  }, 20_000);
});
