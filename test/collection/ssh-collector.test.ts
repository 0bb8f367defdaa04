// The SSH collector against the lab's routers over real SSH on loopback.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryDevice } from '../../collectors/inventory/device.js';
import { parseInventory } from '../../collectors/inventory/load.js';
import { SshCollector } from '../../collectors/ssh/ssh-collector.js';
import { KnownHosts } from '../../collectors/ssh/known-hosts.js';
import { createLiveLab } from '../../lab/live/live-lab.js';
import type { LabSshService, LabSshSettings } from '../../lab/live/services.js';
import type { LiveLab } from '../../lab/live/types.js';
import { startLabSsh } from '../../lab/ssh/server.js';

const CREDENTIALS = { username: 'netops', password: 'Lab-Pass1', enableSecret: 'Lab-Enable1' };

let directory: string;
let lab: LiveLab;
let ssh: LabSshService;
let slowSsh: LabSshService;

function settings(hostKeyDir: string, overrides: Partial<LabSshSettings> = {}): LabSshSettings {
  return {
    host: '127.0.0.1',
    routerPorts: { basePort: 0 },
    sharedPort: null,
    hostKeyDir,
    credentials: CREDENTIALS,
    legacyRouters: ['spoke2'],
    idleTimeoutSeconds: 60,
    maxSessionsPerRouter: 5,
    outputDelay: { baseMs: 0, perKilobyteMs: 0 },
    writeAccess: false,
    ...overrides,
  };
}

function device(name: string, service: LabSshService, extra = ''): InventoryDevice {
  const { port } = service.access(name);
  const text = `
credentials:
  lab: { username: netops, password: { env: LAB_PASSWORD }, enable: { env: LAB_ENABLE } }
devices:
  ${name}: { host: 127.0.0.1, port: ${port}, role: ${name.startsWith('hub') ? 'hub' : 'spoke'}, credentials: lab${extra} }
`;
  const env = { LAB_PASSWORD: CREDENTIALS.password, LAB_ENABLE: CREDENTIALS.enableSecret };
  return parseInventory(text, 'inventory.yaml', env).devices[0]!;
}

function collector(overrides: Partial<ConstructorParameters<typeof SshCollector>[0]> = {}): SshCollector {
  return new SshCollector({
    knownHosts: new KnownHosts(join(directory, `known-hosts-${Math.random()}.json`)),
    concurrency: 4,
    initialBackoffMs: 0,
    ...overrides,
  });
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'ssh-collector-'));
  // One lab second in eleven wall days: the collector and run() see the same second.
  lab = createLiveLab({ spokes: 3 }, { speed: 1e-6 });
  ssh = await startLabSsh(lab, settings(join(directory, 'keys')));
  slowSsh = await startLabSsh(
    lab,
    settings(join(directory, 'slow-keys'), { outputDelay: { baseMs: 1_500, perKilobyteMs: 0 } }),
  );
});

afterAll(async () => {
  await ssh.close();
  await slowSsh.close();
  lab.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('SSH collector', () => {
  it('returns exactly what the router prints, over one persistent session', async () => {
    const ssh2 = collector();
    const hub1 = device('hub1', ssh);
    const commands = ['show dmvpn', 'show crypto ipsec sa', 'show running-config'];
    const first = await ssh2.run(hub1, commands);
    const second = await ssh2.run(hub1, ['show ip nhrp']);
    ssh2.close();
    expect(first.errors).toEqual([]);
    expect(first.runs.map((run) => run.command)).toEqual(commands);
    for (const run of [...first.runs, ...second.runs]) {
      expect(run.raw.replace(/\r/g, '')).toBe(`${lab.run('hub1', run.command)}`.replace(/\n?$/, '\n'));
    }
    const received = ssh.received('hub1');
    expect(received.filter((line) => line === 'terminal length 0')).toHaveLength(1);
    expect(received).toContain('enable');
  });

  it('never sends a configuration command, and says why', async () => {
    const ssh2 = collector();
    const before = ssh.received('spoke1').length;
    const result = await ssh2.run(device('spoke1', ssh), ['configure terminal', 'show version']);
    ssh2.close();
    expect(result.errors).toEqual([
      {
        command: 'configure terminal',
        message: expect.stringMatching(/^spoke1: refused to send "configure terminal"/),
      },
    ]);
    expect(result.runs.map((run) => run.command)).toEqual(['show version']);
    expect(ssh.received('spoke1').slice(before)).not.toContain('configure terminal');
  });

  it('reports a wrong password by device, for every command of the poll', async () => {
    const ssh2 = collector();
    const refused = parseInventory(
      `devices: { spoke1: { host: 127.0.0.1, port: ${ssh.access('spoke1').port}, role: spoke, credentials: c } }\n` +
        'credentials: { c: { username: netops, password: wrong-password } }\n',
      'inventory.yaml',
      {},
    ).devices[0]!;
    const result = await ssh2.run(refused, ['show dmvpn', 'show version']);
    ssh2.close();
    expect(result.runs).toEqual([]);
    expect(result.errors[0]!.message).toMatch(/^spoke1: login as netops on 127\.0\.0\.1:\d+ was refused/);
    expect(result.errors[1]!.message).toMatch(/^spoke1: not run: /);
  });

  it('pins the host key on first use and refuses a changed one until it is forgotten', async () => {
    const file = join(directory, 'pinned.json');
    const hub1 = device('hub1', ssh);
    const first = collector({ knownHosts: new KnownHosts(file) });
    expect((await first.run(hub1, ['show version'])).errors).toEqual([]);
    first.close();
    const pinned = new KnownHosts(file).pinned('127.0.0.1', hub1.port)!;
    expect(pinned).toMatchObject({ type: 'ssh-ed25519', fingerprint: expect.stringMatching(/^SHA256:/) });
    // The store now holds another key for hub1's address: what a replaced router (or a man in the middle) looks like.
    const store = new KnownHosts(file);
    store.forget('127.0.0.1', hub1.port);
    store.verify('hub1', '127.0.0.1', hub1.port, Buffer.from('another key'));
    const second = collector({ knownHosts: new KnownHosts(file) });
    const result = await second.run(hub1, ['show version']);
    second.close();
    expect(result.errors[0]!.message).toMatch(
      /^hub1: the host key of \[127\.0\.0\.1\]:\d+ changed .*dmvpn-watch hostkey forget hub1/,
    );
    const accepted = new KnownHosts(file);
    accepted.forget('127.0.0.1', hub1.port);
    const third = collector({ knownHosts: accepted });
    expect((await third.run(hub1, ['show version'])).errors).toEqual([]);
    third.close();
    expect(new KnownHosts(file).pinned('127.0.0.1', hub1.port)!.fingerprint).toBe(pinned.fingerprint);
  });

  it('gives up a command that hangs, and reconnects for the next poll', async () => {
    const ssh2 = collector();
    const slow = device('hub1', slowSsh, ', commandTimeout: 1');
    const hung = await ssh2.run(slow, ['show dmvpn']);
    expect(hung.errors[0]!.message).toMatch(
      /^hub1: "(show dmvpn|terminal length 0|\(login prompt\))" gave no prompt back within 1 s/,
    );
    const fast = device('hub1', ssh);
    const next = await ssh2.run(fast, ['show dmvpn']);
    ssh2.close();
    expect(next.errors).toEqual([]);
  });

  it('speaks legacy algorithms only when the inventory asks', async () => {
    const ssh2 = collector();
    const modern = await ssh2.run(device('spoke2', ssh), ['show version']);
    const legacy = await ssh2.run(device('spoke2', ssh, ', legacySsh: true'), ['show version']);
    ssh2.close();
    expect(modern.errors[0]!.message).toMatch(/^spoke2: .*legacySsh: true/);
    expect(legacy.errors).toEqual([]);
  });

  it('reports a router that does not answer', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const ssh2 = collector();
    const dead = { ...device('spoke3', ssh), port: closed };
    const result = await ssh2.run(dead, ['show dmvpn']);
    ssh2.close();
    expect(result.errors[0]!.message).toBe(`spoke3: cannot reach 127.0.0.1:${closed} (ECONNREFUSED)`);
  });
});
