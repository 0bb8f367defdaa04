// `dmvpn-watch hostkey forget DEVICE`: what the refused-key message tells an operator to run, removing the pinned key
// of that device's address and port only.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnownHosts } from '../../collectors/ssh/known-hosts.js';
import { runCli } from './serve-process.js';

const directory = mkdtempSync(join(tmpdir(), 'hostkey-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('dmvpn-watch hostkey forget', () => {
  it('forgets the pinned key of the device, and says when there is none or no such device', async () => {
    const inventory = join(directory, 'inventory.yaml');
    writeFileSync(
      inventory,
      'credentials: { c: { username: u, password: p } }\ndefaults: { credentials: c }\n' +
        'devices:\n  hub1: { host: 192.0.2.1, role: hub }\n  spoke1: { host: 192.0.2.11, port: 2222, role: spoke }\n',
    );
    const config = join(directory, 'serve.yaml');
    writeFileSync(config, `dataDir: ${join(directory, 'data')}\n`);
    const file = join(directory, 'data', 'known-hosts.jsonl');
    const pinning = new KnownHosts(file);
    pinning.verify('hub1', '192.0.2.1', 22, Buffer.from('hub1 key'));
    pinning.verify('spoke1', '192.0.2.11', 2222, Buffer.from('spoke1 key'));
    const fingerprint = pinning.pinned('192.0.2.1', 22)!.fingerprint;

    const forget = async (device: string) => {
      const run = runCli(
        ['hostkey', 'forget', device, '--inventory', inventory, '--config', config],
        directory,
      );
      return { status: await run.exited, output: run.output() };
    };
    const first = await forget('hub1');
    expect(first).toMatchObject({ status: 0 });
    expect(first.output).toContain(`hub1: forgot unknown ${fingerprint} of [192.0.2.1]:22`);
    const after = new KnownHosts(file);
    expect(after.pinned('192.0.2.1', 22)).toBeUndefined();
    expect(after.pinned('192.0.2.11', 2222)).toBeDefined();

    expect(await forget('hub1')).toEqual({
      status: 1,
      output: `hub1: no host key is pinned for [192.0.2.1]:22 in ${file}\n`,
    });
    expect(await forget('hub9')).toEqual({
      status: 2,
      output: `dmvpn-watch hostkey forget: ${inventory}: no device named "hub9"\n`,
    });
  });
});
