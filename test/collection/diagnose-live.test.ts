// `dmvpn-watch diagnose` on the lab on the wire: the routers polled over SSH, the hubs of a named spoke taken along,
// and the injected fault named.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveDiagnose } from '../../cli/diagnose-command.js';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';
import { runCli, writeLabInventory, writeYaml } from './serve-process.js';

let directory: string;
let running: RunningLab;
let inventory: string;
/** Host keys pinned in the test's own folder: a port of an earlier lab may come back with another key. */
let config: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'diagnose-live-'));
  running = await startLab({
    network: { spokes: 3 },
    faults: ['nhrp-auth-mismatch@spoke1'],
    // The fault has been there a quarter of an hour: the hub has long given up on the spoke.
    historySeconds: 900,
    dataDir: join(directory, 'lab'),
  });
  inventory = writeLabInventory(running, join(directory, 'inventory.yaml'));
  config = writeYaml(directory, 'serve.yaml', { dataDir: join(directory, 'data') });
});

afterAll(async () => {
  await running?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('dmvpn-watch diagnose DEVICE --inventory FILE', () => {
  it('polls the spoke and its hub and names the fault', async () => {
    const cli = runCli(['diagnose', 'spoke1', '--inventory', inventory, '--format', 'json'], directory);
    expect(await cli.exited).toBe(1);
    const report = JSON.parse(cli.output());
    expect(report.findings[0]).toMatchObject({ rule: 'nhrp-auth-mismatch' });
    expect(report.devices.map((device: { name: string }) => device.name).sort()).toEqual(['hub1', 'spoke1']);
    const commands: string[] = report.devices.find(
      (device: { name: string }) => device.name === 'spoke1',
    ).commands;
    expect(commands).toEqual(
      expect.arrayContaining(['show running-config', 'show logging', 'show crypto ipsec sa detail']),
    );
  }, 20_000);

  it('takes every device with --all, with no progress lines for a run this small', async () => {
    let stderr = '';
    const { text, faults } = await runLiveDiagnose(
      [],
      {
        all: true,
        inventory,
        config,
        format: 'json',
        colour: false,
      },
      { write: (chunk: string) => (stderr += chunk), isTTY: false },
    );
    expect(faults).toBe(true);
    const report = JSON.parse(text);
    expect(report.devices).toHaveLength(4);
    expect(report.findings[0].rule).toBe('nhrp-auth-mismatch');
    expect(stderr).toBe('');
  }, 20_000);

  it('refuses a device the inventory does not have', async () => {
    const cli = runCli(['diagnose', 'spoke9', '--inventory', inventory], directory);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(/no device named "spoke9"/);
  });
});
