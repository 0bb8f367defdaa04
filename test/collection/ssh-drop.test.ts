// A router that drops the SSH session in the middle of a big output: the collector reports the device's error for
// what it could not read, throws nothing, and reconnects on the next poll.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInventory } from '../../collectors/inventory/load.js';
import { KnownHosts } from '../../collectors/ssh/known-hosts.js';
import { SshCollector } from '../../collectors/ssh/ssh-collector.js';
import { inventoryYaml } from '../../lab/control/inventory.js';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';
import { CuttingProxy } from './cutting-proxy.js';

let directory: string;
let running: RunningLab;
let proxy: CuttingProxy;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'ssh-drop-'));
  // 60 spokes: the hub's `show crypto ipsec sa` is about 100 kB, long enough to be cut in the middle.
  running = await startLab({ network: { spokes: 60 }, speed: 1e-6, dataDir: join(directory, 'lab') });
  const hub1 = running.access.find((router) => router.hostname === 'hub1')!;
  proxy = await CuttingProxy.start({ host: hub1.ssh.host, port: hub1.ssh.port });
});

afterAll(async () => {
  await proxy?.close();
  await running?.close();
  rmSync(directory, { recursive: true, force: true });
});

function hub1ThroughProxy() {
  const inventory = running.inventory();
  inventory.devices = { hub1: { ...inventory.devices.hub1!, port: proxy.port } };
  return parseInventory(inventoryYaml(inventory, running.controlUrl), 'inventory.yaml', {}).devices[0]!;
}

describe('a router that drops the session mid-command', () => {
  it('gives the device error for the cut output and the commands after it, then reconnects', async () => {
    const hub1 = hub1ThroughProxy();
    const ssh = new SshCollector({
      knownHosts: new KnownHosts(join(directory, 'known-hosts.json')),
      concurrency: 2,
      initialBackoffMs: 0,
    });
    try {
      const healthy = await ssh.run(hub1, ['show version']);
      expect(healthy.errors).toEqual([]);
      const expected = running.lab.run('hub1', 'show crypto ipsec sa');
      expect(expected.length).toBeGreaterThan(60_000);

      proxy.cutAfter(20_000);
      const cut = await ssh.run(hub1, ['show version', 'show crypto ipsec sa', 'show dmvpn']);
      expect(cut.runs.map((run) => run.command)).toEqual(['show version']);
      expect(cut.errors).toEqual([
        { command: 'show crypto ipsec sa', message: expect.stringMatching(/^hub1: 127\.0\.0\.1:\d+: /) },
        { command: 'show dmvpn', message: expect.stringMatching(/^hub1: not run: /) },
      ]);

      proxy.heal();
      const next = await ssh.run(hub1, ['show crypto ipsec sa', 'show dmvpn']);
      expect(next.errors).toEqual([]);
      expect(next.runs[0]!.raw.replace(/\r/g, '')).toBe(`${expected}`.replace(/\n?$/, '\n'));
    } finally {
      ssh.close();
    }
  });

  it('reports a session the router closed before the first output of a poll', async () => {
    const hub1 = hub1ThroughProxy();
    const ssh = new SshCollector({
      knownHosts: new KnownHosts(join(directory, 'known-hosts.json')),
      concurrency: 2,
      initialBackoffMs: 0,
    });
    try {
      expect((await ssh.run(hub1, ['show version'])).errors).toEqual([]);
      proxy.cutAfter(1);
      const cut = await ssh.run(hub1, ['show dmvpn', 'show ip nhrp']);
      expect(cut.runs).toEqual([]);
      expect(cut.errors[0]).toEqual({
        command: 'show dmvpn',
        message: expect.stringMatching(
          /^hub1: 127\.0\.0\.1:\d+ closed the session before the command's output ended$/,
        ),
      });
      expect(cut.errors[1]!.message).toMatch(/^hub1: not run: /);
      proxy.heal();
      expect((await ssh.run(hub1, ['show dmvpn'])).errors).toEqual([]);
    } finally {
      ssh.close();
    }
  });
});
