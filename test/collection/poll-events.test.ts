// Tunnel edges read from successive polls of a hub, on the lab's own output of those seconds.

import { describe, expect, it } from 'vitest';
import { tunnelEventsBetween } from '../../collectors/scheduler/poll-events.js';
import type { DeviceSnapshot } from '../../model/snapshot.js';
import { parseText } from '../../parsers/parse-text.js';
import { simulateRouter } from '../../lab/engine/index.js';
import { applyFault } from '../../lab/faults/catalogue.js';
import { runCommand } from '../../lab/ios/commands.js';
import { buildNetwork } from '../../lab/network/build.js';
import type { LabNetwork } from '../../lab/model/network.js';

const START_MS = Date.UTC(2026, 10, 25, 8, 0, 0);

function poll(network: LabNetwork, device: string, atSeconds: number): DeviceSnapshot {
  const config = network.routers.find((router) => router.hostname === device)!;
  const state = simulateRouter(network, device, atSeconds);
  const collectedAt = START_MS + atSeconds * 1000;
  const outputs = ['show dmvpn', 'show interfaces'].map((command) => {
    const raw = runCommand({ config, state }, command);
    return { command, raw, parsed: parseText(raw, command)[0]!.result, collectedAt, durationMs: 0 };
  });
  return { device, role: config.role, collectedAt, outputs, errors: [] };
}

describe('tunnel events from polls', () => {
  it('sees nothing change on a healthy hub', () => {
    const network = buildNetwork({ spokes: 4 });
    expect(tunnelEventsBetween(poll(network, 'hub1', 300), poll(network, 'hub1', 600))).toEqual([]);
    expect(tunnelEventsBetween(null, poll(network, 'hub1', 600))).toEqual([]);
  });

  it('sees a flap between two polls from the up-time alone', () => {
    const network = buildNetwork({ spokes: 3 });
    applyFault(network, 'tunnel-flapping', 'spoke2');
    // The WAN of spoke2 is down for 45 s at the start of every 180 s; polls at 150 and 290 both find it up again.
    const first = poll(network, 'hub1', 150);
    const second = poll(network, 'hub1', 290);
    const events = tunnelEventsBetween(first, second);
    const spoke2Nbma = network.routers.find((router) => router.hostname === 'spoke2')!.wan.address;
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.every((event) => event.peer === spoke2Nbma && event.source === 'poll')).toBe(true);
    expect(events.map((event) => event.to).at(-1)).toBe('UP');
    for (const event of events) {
      expect(event.at).toBeGreaterThan(first.collectedAt);
      expect(event.at).toBeLessThanOrEqual(second.collectedAt);
    }
  });

  it('sees a spoke go down and vanish from the hub, and its tunnel go down on the spoke', () => {
    const network = buildNetwork({ spokes: 2 });
    applyFault(network, 'tunnel-admin-down', 'spoke1');
    const hubEvents = tunnelEventsBetween(poll(network, 'hub1', -120), poll(network, 'hub1', 900));
    const spoke1Nbma = network.routers.find((router) => router.hostname === 'spoke1')!.wan.address;
    expect(hubEvents).toEqual([expect.objectContaining({ peer: spoke1Nbma, from: 'UP', to: 'DOWN' })]);
    const spokeEvents = tunnelEventsBetween(poll(network, 'spoke1', -120), poll(network, 'spoke1', 900));
    expect(spokeEvents).toContainEqual(
      expect.objectContaining({ device: 'spoke1', interface: 'Tunnel0', peer: '', from: 'up', to: 'down' }),
    );
  });
});
