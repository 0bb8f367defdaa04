// `dmvpn-watch serve` refuses a broken inventory or configuration before it starts anything: exit status 2 and a
// message naming the file, the line and the field.

import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './serve-process.js';

const directory = mkdtempSync(join(tmpdir(), 'serve-errors-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const INVENTORY = `defaults:
  credentials: noc
credentials:
  noc: { username: netops, password: { env: NOC_PASSWORD } }
devices:
  hub1:
    host: 192.0.2.1
    role: hub
  spoke1:
    host: 192.0.2.11
    role: spoke
    port: 70000
`;

function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

async function serve(...args: string[]): Promise<{ status: number | null; output: string }> {
  const run = runCli(['serve', ...args], directory, { ...process.env, NOC_PASSWORD: 'x' });
  const status = await run.exited;
  return { status, output: run.output() };
}

describe('dmvpn-watch serve with a broken file', () => {
  it('names the inventory file, line and field of a wrong value', async () => {
    const inventory = file('broken.yaml', INVENTORY);
    expect(await serve('--inventory', inventory)).toEqual({
      status: 2,
      output: `dmvpn-watch serve: ${inventory}: line 12, devices.spoke1.port: Too big: expected number to be <=65535\n`,
    });
  });

  it('names a missing secret and a file that is not YAML', async () => {
    const inventory = file('secret.yaml', INVENTORY.replace('70000', '22'));
    const run = runCli(['serve', '--inventory', inventory], directory, { ...process.env, NOC_PASSWORD: '' });
    expect(await run.exited).toBe(2);
    expect(run.output()).toBe(
      `dmvpn-watch serve: ${inventory}: line 4, credentials.noc.password: environment variable NOC_PASSWORD is not set\n`,
    );
    const garbled = file('garbled.yaml', 'devices:\n  hub1: [\n');
    expect(await serve('--inventory', garbled)).toMatchObject({
      status: 2,
      output: expect.stringMatching(/^dmvpn-watch serve: .*garbled\.yaml: line \d+: not valid YAML/),
    });
  });

  it('names the configuration file, line and field of a wrong or unknown setting', async () => {
    const inventory = file('good.yaml', INVENTORY.replace('70000', '22'));
    const config = file(
      'bad.yaml',
      'dataDir: ./data\nstorage:\n  kind: influx\n  version: 1\n  url: not-a-url\n  db: dmvpn\nssh:\n  concurrency: 5\n  retries: 3\n',
    );
    expect(await serve('--inventory', inventory, '--config', config)).toEqual({
      status: 2,
      output: `dmvpn-watch serve: ${config}: line 5, storage.url: Invalid URL; line 9, ssh.retries: unknown field\n`,
    });
  });

  it('names the storage setting whose secret cannot be read', async () => {
    const inventory = file('good2.yaml', INVENTORY.replace('70000', '22'));
    const config = file(
      'secretless.yaml',
      `dataDir: ${join(directory, 'data')}\nstorage:\n  kind: influx\n  version: 1\n  url: http://127.0.0.1:9\n` +
        '  db: dmvpn\n  username: watch\n  passwordEnv: DMVPN_INFLUX_PASSWORD_UNSET\n',
    );
    expect(await serve('--inventory', inventory, '--config', config)).toEqual({
      status: 2,
      output: `dmvpn-watch serve: ${config}: storage: environment variable DMVPN_INFLUX_PASSWORD_UNSET is not set\n`,
    });
  });

  it('names a syslog port another program holds, and stops cleanly', async () => {
    const holder = createSocket('udp4');
    const port = await new Promise<number>((resolve) =>
      holder.bind(0, '127.0.0.1', () => resolve(holder.address().port)),
    );
    try {
      const inventory = file('good3.yaml', INVENTORY.replace('70000', '22'));
      const config = file(
        'taken.yaml',
        `dataDir: ${join(directory, 'data3')}\nsyslog:\n  host: 127.0.0.1\n  udpPort: ${port}\n  tcpPort: null\n`,
      );
      expect(await serve('--inventory', inventory, '--config', config)).toEqual({
        status: 2,
        output: expect.stringMatching(
          new RegExp(
            `: cannot listen for syslog or traps on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE: another program holds it\\)\\n$`,
          ),
        ),
      });
    } finally {
      holder.close();
    }
  });
});
