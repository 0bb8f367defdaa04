// `dmvpn-watch serve` writing to a real InfluxDB 1.x (Debian's influxd on a loopback port) while it watches a lab:
// the samples arrive under the schema's names, and an outage of the store loses none of them (the disk spool holds
// them and replays them when the store is back).

import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';
import { InfluxdFixture } from '../../storage/influx/influxd-fixture.js';
import { influxQuery, seriesRows } from '../../storage/influx/influxql.js';
import { runCli, writeLabInventory, writeYaml } from './serve-process.js';

let directory: string;
let influxd: InfluxdFixture;
let running: RunningLab;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'serve-influx-'));
  [influxd, running] = await Promise.all([
    InfluxdFixture.create(),
    startLab({ network: { spokes: 2 }, speed: 1e-6, dataDir: join(directory, 'lab') }),
  ]);
  await influxQuery({ url: influxd.url }, 'CREATE DATABASE dmvpn');
}, 20_000);

afterAll(async () => {
  await running?.close();
  await influxd?.dispose();
  rmSync(directory, { recursive: true, force: true });
});

const select = async (statement: string) =>
  seriesRows((await influxQuery({ url: influxd.url, db: 'dmvpn' }, statement))[0] ?? []);

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const spooledBytes = (spool: string): number => {
  const file = join(spool, 'batches.jsonl');
  return existsSync(file) ? statSync(file).size : 0;
};

describe('dmvpn-watch serve with InfluxDB 1.x', () => {
  it('stores the lab polls in InfluxDB and loses none while influxd is down', async () => {
    const inventory = writeLabInventory(running, join(directory, 'inventory.yaml'), '2s');
    const spool = join(directory, 'spool');
    const config = writeYaml(directory, 'serve.yaml', {
      dataDir: join(directory, 'data'),
      storage: {
        kind: 'influx',
        version: 1,
        url: influxd.url,
        db: 'dmvpn',
        spoolDir: spool,
        statePath: join(directory, 'data', 'state.db'),
        flushIntervalMs: 100,
        timeoutMs: 1_000,
      },
      log: { file: join(directory, 'serve.log') },
      api: { port: 0 },
    });
    const serve = runCli(['serve', '--inventory', inventory, '--config', config], directory);
    try {
      await serve.waitFor(/Watching 3 devices/, 10_000);
      await until(
        async () => (await select(`SELECT COUNT("ok") FROM collector_poll`)).length > 0,
        'the first polls in InfluxDB',
        8_000,
      );
      await influxd.stop();
      await until(() => spooledBytes(spool) > 0, 'samples in the spool', 8_000);
      // One more poll slot (2 s) with the store down.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await influxd.start();
      await until(() => spooledBytes(spool) === 0, 'the spool to be replayed', 10_000);
    } finally {
      serve.child.kill('SIGTERM');
    }
    expect(await serve.exited).toBe(0);
    const polls = Number(/Stopped after (\d+) polls/.exec(serve.output())![1]);

    const perCollector = await select(`SELECT COUNT("ok") FROM collector_poll GROUP BY "collector"`);
    expect(perCollector.map((row) => [row.collector, row.count])).toEqual([
      ['snmp', polls],
      ['ssh', polls],
    ]);
    const devicesOf = async (measurement: string) =>
      (await select(`SHOW TAG VALUES FROM ${measurement} WITH KEY = "device"`)).map((row) => row.value);
    expect(await devicesOf('dmvpn_peer')).toEqual(['hub1', 'spoke1', 'spoke2']);
    expect(await devicesOf('ipsec_sa')).toEqual(['hub1', 'spoke1', 'spoke2']);
    const hubPeers = await select(
      `SELECT LAST("state") FROM dmvpn_peer WHERE "device" = 'hub1' GROUP BY "peer_nbma"`,
    );
    expect(hubPeers.map((row) => row.last)).toEqual(['UP', 'UP']);
  }, 40_000);
});
