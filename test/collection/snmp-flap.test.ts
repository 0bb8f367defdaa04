// A spoke that flaps between two SNMP polls, seen from the polls alone: the Tunnel interface's ifLastChange moved
// and the IPsec tunnel's active time is shorter than the time between the polls.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInventory, type Inventory } from '../../collectors/inventory/load.js';
import { snmpTunnelEventsBetween } from '../../collectors/scheduler/snmp-events.js';
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

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'snmp-flap-'));
  // The clock barely moves by itself: the test moves it.
  running = await startLab({
    network: { spokes: 3 },
    speed: 1e-6,
    historySeconds: 900,
    dataDir: join(directory, 'lab'),
  });
  inventory = parseInventory(inventoryYaml(running.inventory(), running.controlUrl), 'inventory.yaml', {});
});

afterAll(async () => {
  await running?.close();
  rmSync(directory, { recursive: true, force: true });
});

const deviceOf = (name: string) => inventory.devices.find((device) => device.name === name)!;
const nbmaOf = (name: string) => running.lab.config(name).wan.address;
const edges = (events: TunnelEvent[]) =>
  events.map((event) => [event.interface, event.peer, event.from, event.to]);

/** A poll once the agent answers for the lab second the clock is at (it keeps a router's tables briefly). */
async function pollAtNow(name: string): Promise<SnmpPollResult> {
  const second = running.lab.now();
  for (;;) {
    const result = await pollSnmp(deviceOf(name));
    expect(result.errors).toEqual([]);
    if (
      result.system.upTimeSeconds! >= running.lab.state(name).uptimeSeconds - 1 ||
      running.lab.now() > second
    )
      return result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('flaps between SNMP polls', () => {
  it('sees the spoke flap on both ends, and nothing on a quiet interval', async () => {
    const spokeBefore = await pollAtNow('spoke2');
    const hubBefore = await pollAtNow('hub1');
    // The WAN of spoke2 is down 30 s at the start of every 120 s from now; the polls 60 s later find it up again.
    running.lab.flap('spoke2', 120, 30);
    running.lab.advance(60);
    const spokeAfter = await pollAtNow('spoke2');
    const hubAfter = await pollAtNow('hub1');
    expect(spokeAfter.interfaces.find((row) => row.name === 'Tunnel0')?.operStatus).toBe('up');

    const spokeEvents = snmpTunnelEventsBetween(spokeBefore, spokeAfter);
    expect(edges(spokeEvents)).toEqual([
      ['Tunnel0', '', 'up', 'down'],
      ['Tunnel0', '', 'down', 'up'],
      ['', nbmaOf('hub1'), 'UP', 'DOWN'],
      ['', nbmaOf('hub1'), 'DOWN', 'UP'],
    ]);
    for (const event of spokeEvents) {
      expect(event).toMatchObject({ device: 'spoke2', source: 'poll' });
      expect(event.at).toBeGreaterThan(spokeBefore.collectedAt);
      expect(event.at).toBeLessThanOrEqual(spokeAfter.collectedAt);
    }
    expect(edges(snmpTunnelEventsBetween(hubBefore, hubAfter))).toEqual([
      ['', nbmaOf('spoke2'), 'UP', 'DOWN'],
      ['', nbmaOf('spoke2'), 'DOWN', 'UP'],
    ]);

    // 30 s on, still within the same cycle: no new flap.
    running.lab.advance(30);
    const quiet = await pollAtNow('hub1');
    expect(snmpTunnelEventsBetween(hubAfter, quiet)).toEqual([]);
    running.lab.stopFlap('spoke2');
  });

  it('reports the flap through the watcher as edges from polls, once each', async () => {
    const events: TunnelEvent[] = [];
    const polled: string[] = [];
    const watcher = await Watcher.start(
      {
        inventory,
        knownHosts: new KnownHosts(join(directory, 'known-hosts.json')),
        concurrency: 4,
        syslog: null,
        traps: null,
        pollAtStart: true,
      },
      {
        onPoll: ({ snapshot }) => void polled.push(snapshot.device),
        onEvents: (fresh) => void events.push(...fresh),
        onError: (error) => {
          throw error;
        },
      },
    );
    try {
      while (polled.length < inventory.devices.length)
        await new Promise((resolve) => setTimeout(resolve, 50));
      running.lab.flap('spoke3', 120, 30);
      running.lab.advance(60);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await Promise.all([watcher.pollNow('hub1'), watcher.pollNow('spoke3')]);
    } finally {
      await watcher.stop();
      running.lab.stopFlap('spoke3');
    }
    const hub = events.filter((event) => event.device === 'hub1');
    expect(hub.map((event) => [event.peer, event.to])).toEqual([
      [nbmaOf('spoke3'), 'DOWN'],
      [nbmaOf('spoke3'), 'UP'],
    ]);
    const spoke = events.filter((event) => event.device === 'spoke3');
    expect(spoke.map((event) => [event.peer || event.interface, event.to])).toEqual(
      expect.arrayContaining([
        ['Tunnel0', 'down'],
        ['Tunnel0', 'up'],
        [nbmaOf('hub1'), 'DOWN'],
        [nbmaOf('hub1'), 'UP'],
      ]),
    );
    expect(spoke).toHaveLength(4);
    expect(events.every((event) => event.source === 'poll')).toBe(true);
  });
});
