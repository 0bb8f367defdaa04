// `dmvpn-watch serve --inventory` against a lab whose routers answer slowly: SIGTERM while every poll is under way
// lets the polls finish, flushes the store and exits 0.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardCommands } from '../../collectors/scheduler/poll-job.js';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';
import { runCli, writeLabInventory, writeYaml } from './serve-process.js';

const OUTPUT_DELAY_MS = 250;

let directory: string;
let running: RunningLab;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'serve-stop-'));
  running = await startLab({
    network: { spokes: 3 },
    speed: 1e-6,
    dataDir: join(directory, 'lab'),
    ssh: { outputDelay: { baseMs: OUTPUT_DELAY_MS, perKilobyteMs: 0 } },
  });
});

afterAll(async () => {
  await running?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('dmvpn-watch serve stopped during a poll', () => {
  it('finishes the polls under way, stores them and exits 0 on SIGTERM', async () => {
    const inventory = writeLabInventory(running, join(directory, 'inventory.yaml'));
    const config = writeYaml(directory, 'serve.yaml', {
      dataDir: join(directory, 'data'),
      log: { file: join(directory, 'serve.log') },
      api: { port: 0 },
    });
    const serve = runCli(['serve', '--inventory', inventory, '--config', config], directory);
    await serve.waitFor(/Watching 4 devices/, 15_000);
    // Every device is polled at start; a poll takes at least one output delay per command.
    const pollMs = standardCommands('hub').length * OUTPUT_DELAY_MS;
    await new Promise((resolve) => setTimeout(resolve, pollMs / 4));
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(serve.output()).toMatch(/Stopping: finishing the polls under way/);
    expect(serve.output()).toMatch(/Stopped after 4 polls/);

    const database = new Database(join(directory, 'data', 'dmvpn-watch.db'), { readonly: true });
    const polls = database
      .prepare(
        `SELECT series.tags AS tags, sample.value AS ok FROM sample JOIN series ON series.id = sample.series_id
         WHERE series.measurement = 'collector_poll' AND sample.field = 'ok'`,
      )
      .all() as { tags: string; ok: number }[];
    const peers = database
      .prepare(`SELECT COUNT(*) AS n FROM series WHERE measurement = 'dmvpn_peer'`)
      .get() as { n: number };
    database.close();
    const ssh = polls.filter((poll) => JSON.parse(poll.tags).collector === 'ssh');
    expect(ssh.map((poll) => JSON.parse(poll.tags).device).sort()).toEqual([
      'hub1',
      'spoke1',
      'spoke2',
      'spoke3',
    ]);
    expect(ssh.every((poll) => poll.ok === 1)).toBe(true);
    // The hub's three peers and each spoke's hub.
    expect(peers.n).toBe(6);
  }, 20_000);
});
