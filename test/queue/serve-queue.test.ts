// `dmvpn-watch serve --queue` polls nothing itself: with no inventory it starts the simulated network and enqueues
// the polls; a `dmvpn-watch worker` started beside it (same data folder, so the same inventory) does them, and the
// server's summary shows every device polled and the lab's fault diagnosed.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startRedis, waitFor } from './queue-harness.js';

const CLI = join(import.meta.dirname, '../../dist/cli/main.js');
const directory = mkdtempSync(join(tmpdir(), 'queue-serve-'));
const stops: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  rmSync(directory, { recursive: true, force: true });
});

function run(args: string[]): { output: () => string; stop: () => Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exited;
  };
  stops.push(async () => void (await stop()));
  return { output: () => output, stop };
}

describe('dmvpn-watch serve --queue', () => {
  it('leaves the polls to the workers and stores their results', async () => {
    const redis = await startRedis(directory);
    stops.push(() => redis.stop());
    writeFileSync(join(directory, 'serve.yaml'), 'api:\n  port: 0\n');
    const server = run(['serve', '--queue', redis.url, '--config', 'serve.yaml']);
    await waitFor(() => /Watching 21 devices/.test(server.output()), 20_000, 'the server to watch');
    const worker = run(['worker', '--queue', redis.url, '--name', 'beside', '--concurrency', '5']);
    // Every device polled at start (and the hub's table read), all by the worker.
    await waitFor(
      () => /· (2[1-9]|[3-9]\d) polls \(0 failed\) · hub1 19\/20 peers UP/.test(server.output()),
      30_000,
      'every device polled',
    );
    const status = await runCli(['workers', '--queue', redis.url]);
    expect(status.output).toMatch(/^beside\s+127\.0\.0\.1:\d+\s+\d+ s\s+(2[1-9]|[3-9]\d)\s+0$/m);
    expect(await worker.stop()).toBe(0);
    expect(await server.stop()).toBe(0);
    expect(server.output()).toMatch(/Stopped after (2[1-9]|[3-9]\d) polls/);
  }, 60_000);
});
