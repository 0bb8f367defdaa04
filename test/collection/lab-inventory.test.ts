// The inventory a running lab writes is one the product reads as it is, and a poll through it yields a parsed
// snapshot of what the router prints.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../collectors/inventory/load.js';
import { pollJobFor, runPollJob } from '../../collectors/scheduler/poll-job.js';
import { KnownHosts } from '../../collectors/ssh/known-hosts.js';
import { SshCollector } from '../../collectors/ssh/ssh-collector.js';
import { inventoryYaml } from '../../lab/control/inventory.js';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';

let directory: string;
let running: RunningLab;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'lab-inventory-'));
  running = await startLab({
    network: { spokes: 2 },
    speed: 1e-6,
    dataDir: join(directory, 'lab'),
  });
});

afterAll(async () => {
  await running.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('the lab inventory', () => {
  it('lists every router the way the product reads an inventory', () => {
    const file = join(directory, 'inventory.yaml');
    writeFileSync(file, inventoryYaml(running.inventory(), running.controlUrl));
    const devices = loadInventory(file, {}).devices;
    expect(devices.map((device) => [device.name, device.role, device.port])).toEqual(
      running.access.map((router) => [router.hostname, router.role, router.ssh.port]),
    );
    expect(devices[0]!.snmp).toMatchObject({ version: '2c', port: running.access[0]!.snmp.port });
  });

  it('polls a router through it into a parsed snapshot', async () => {
    const file = join(directory, 'inventory.yaml');
    writeFileSync(file, inventoryYaml(running.inventory(), running.controlUrl));
    const spoke1 = loadInventory(file, {}).devices.find((device) => device.name === 'spoke1')!;
    const ssh = new SshCollector({
      knownHosts: new KnownHosts(join(directory, 'known-hosts.json')),
      concurrency: 2,
    });
    const snapshot = await runPollJob(pollJobFor(spoke1), spoke1, ssh);
    ssh.close();
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.outputs.map((output) => output.command)).toContain('show ip nhrp nhs detail');
    const dmvpn = snapshot.outputs.find((output) => output.command === 'show dmvpn')!;
    expect(dmvpn.raw.replace(/\r/g, '')).toBe(
      `${running.lab.run('spoke1', 'show dmvpn')}\n`.replace(/\n\n$/, '\n'),
    );
    expect(dmvpn.parsed.records.length).toBeGreaterThan(0);
    for (const output of snapshot.outputs) expect(output.parsed.warnings, output.command).toEqual([]);
  });
});
