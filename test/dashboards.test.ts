// The Grafana dashboards against real data: the lab (a spoke whose ESP to the hubs is blocked, a flapping spoke) is
// watched into a real InfluxDB 1.x (Debian's influxd) exactly as `dmvpn-watch serve --inventory --config` does, then
// every variable and every panel query runs as Grafana would run it: variables filled from their own SHOW TAG VALUES
// queries in order, values in regex format, `$timeFilter` and `$__interval` expanded.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { storeSinks, type PollTally } from '../cli/serve/store-sink.js';
import { loadServeConfig } from '../cli/serve/config.js';
import { loadInventory } from '../collectors/inventory/load.js';
import { Watcher } from '../collectors/scheduler/watcher.js';
import { KnownHosts } from '../collectors/ssh/known-hosts.js';
import { interpolate } from '../dashboards/check/grafana-interpolation.js';
import { writeInventory } from '../lab/control/inventory.js';
import { startLab, type RunningLab } from '../lab/control/run-lab.js';
import type { TunnelEvent } from '../model/finding.js';
import type { Sample } from '../model/sample.js';
import { InfluxV1Sink } from '../storage/influx/influx-v1-sink.js';
import { InfluxdFixture } from '../storage/influx/influxd-fixture.js';
import { influxQuery, seriesRows, type InfluxSeries } from '../storage/influx/influxql.js';
import { openStorage } from '../storage/open-storage.js';

const DB = 'dmvpn';
const POLL_INTERVAL = '2s';
const ONE_WAY_SPOKE = 'spoke2';
const FLAPPING_SPOKE = 'spoke3';
/**
 * The datasource as the README has it set up, its minimum interval being the inventory's poll interval; Grafana asks
 * for about one point per pixel of panel width.
 */
const GRAFANA = { maxDataPoints: 1000, minInterval: POLL_INTERVAL };

interface Panel {
  type: string;
  title: string;
  targets?: { query: string }[];
}
interface Variable {
  name: string;
  type: string;
  query?: string;
  includeAll?: boolean;
}

const scratch = mkdtempSync(join(tmpdir(), 'dashboards-'));
let influxd: InfluxdFixture;
let lab: RunningLab;
let range: { from: number; to: number };

async function select(statement: string, db = DB): Promise<InfluxSeries[]> {
  const [series] = await influxQuery({ url: influxd.url, db }, statement);
  return series ?? [];
}

const hasRows = (series: readonly InfluxSeries[]): boolean => series.some((one) => one.values.length > 0);

/** Watches the lab with the serve configuration and inventory files, as `dmvpn-watch serve` does, until enough polls. */
async function watchLab(): Promise<void> {
  const inventory = lab.inventory();
  inventory.defaults.pollInterval = POLL_INTERVAL;
  const inventoryFile = join(scratch, 'inventory.yaml');
  writeInventory(inventoryFile, inventory, lab.controlUrl);
  const configFile = join(scratch, 'serve.yaml');
  writeFileSync(
    configFile,
    stringify({
      dataDir: join(scratch, 'data'),
      storage: {
        kind: 'influx',
        version: 1,
        url: influxd.url,
        db: DB,
        spoolDir: join(scratch, 'spool'),
        statePath: join(scratch, 'state.db'),
        flushIntervalMs: 200,
      },
      log: { file: join(scratch, 'serve.log') },
    }),
  );
  const config = loadServeConfig(configFile);
  const devices = loadInventory(inventoryFile);
  const errors: Error[] = [];
  const storage = openStorage(config.storage, { onError: (error) => errors.push(error) });
  const tally: PollTally = { polls: 0, failedPolls: 0, events: 0 };
  const sinks = storeSinks(storage, pino({ level: 'silent' }), tally);
  const flapped: TunnelEvent[] = [];
  const watcher = await Watcher.start(
    {
      inventory: devices,
      knownHosts: new KnownHosts(config.knownHostsFile),
      concurrency: config.ssh.concurrency,
      pollAtStart: true,
      syslog: null,
      traps: null,
    },
    {
      ...sinks,
      onEvents: async (events) => {
        flapped.push(
          ...events.filter((event) => event.device === FLAPPING_SPOKE && /^up$/i.test(event.from)),
        );
        await sinks.onEvents(events);
      },
    },
  );
  // Three polls of every device, and the flapping spoke seen leaving UP at least once.
  const deadline = Date.now() + 14_000;
  while (Date.now() < deadline && (tally.polls < devices.devices.length * 3 || flapped.length === 0))
    await new Promise((resolve) => setTimeout(resolve, 200));
  await watcher.stop();
  await storage.close();
  expect(errors).toEqual([]);
}

/** Each variable from its own query, in order; a choice picks one value, otherwise All (or the first value). */
async function chooseVariables(
  variables: readonly Variable[],
  choices: Record<string, string>,
): Promise<Map<string, string[]>> {
  const chosen = new Map<string, string[]>();
  for (const variable of variables) {
    if (variable.type !== 'query') continue;
    const statement = interpolate(variable.query!, { ...range, ...GRAFANA, variables: chosen });
    const values = seriesRows(await select(statement)).map((row) => String(row.value));
    expect(values, `variable ${variable.name}: ${statement}`).not.toEqual([]);
    const choice = choices[variable.name];
    if (choice) expect(values, `variable ${variable.name}`).toContain(choice);
    chosen.set(variable.name, choice ? [choice] : variable.includeAll ? values : [values[0]!]);
  }
  return chosen;
}

/** A dashboard as Grafana provisions it, from its JSON file. */
function dashboardFile(file: string): { panels: Panel[]; templating: { list: Variable[] } } {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../dashboards/json', file), 'utf8'));
}

async function panelResults(
  file: string,
  choices: Record<string, string>,
): Promise<Map<string, { statement: string; series: InfluxSeries[] }[]>> {
  const dashboard = dashboardFile(file);
  const variables = await chooseVariables(dashboard.templating.list, choices);
  const results = new Map<string, { statement: string; series: InfluxSeries[] }[]>();
  for (const panel of dashboard.panels) {
    if (panel.type === 'row') continue;
    const answers = [];
    for (const target of panel.targets ?? []) {
      const statement = interpolate(target.query, { ...range, ...GRAFANA, variables });
      answers.push({ statement, series: await select(statement) });
    }
    results.set(panel.title, answers);
  }
  return results;
}

/** The findings panels: `serve` does not write `finding` samples (yet), so they are empty in this window. */
const readsFindings = (answers: { statement: string }[]): boolean =>
  answers.some((answer) => answer.statement.includes('"finding"'));

/** Every panel answers with data, but the findings panels and those named as empty by nature in this window. */
function expectDataInEveryPanel(
  results: Map<string, { statement: string; series: InfluxSeries[] }[]>,
  emptyByNature: readonly string[] = [],
): void {
  for (const [title, answers] of results) {
    if (readsFindings(answers) || emptyByNature.includes(title)) continue;
    for (const answer of answers) expect(hasRows(answer.series), `${title}: ${answer.statement}`).toBe(true);
  }
}

beforeAll(async () => {
  [influxd, lab] = await Promise.all([
    InfluxdFixture.create(),
    startLab({
      network: { hubs: 2, spokes: 4 },
      faults: [`esp-blocked@${ONE_WAY_SPOKE}`],
      historySeconds: 900,
      dataDir: join(scratch, 'lab'),
    }),
  ]);
  await influxQuery({ url: influxd.url }, `CREATE DATABASE ${DB}`);
  // WAN down 2 s of every 6: the spoke's tunnel leaves UP and comes back while it is watched.
  lab.lab.flap(FLAPPING_SPOKE, 6, 2);
  const from = Date.now();
  await watchLab();
  range = { from, to: Date.now() };
}, 30_000);

afterAll(async () => {
  await lab?.close();
  await influxd?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the dashboards on InfluxDB filled by watching the lab', () => {
  it('NOC overview: every panel has data; the one-way spoke and the flapping one stand out', async () => {
    const results = await panelResults('dmvpn-noc-overview.json', {});
    expectDataInEveryPanel(results);

    const hubRows = seriesRows(results.get('Peers by state per hub')![0]!.series);
    expect(hubRows.map((row) => row.device).sort()).toEqual(['hub1', 'hub2']);

    const oneWay = seriesRows(
      results.get('One-way traffic: encaps vs decaps per SA (every device)')![0]!.series,
    );
    const spokeSas = oneWay.filter((row) => row.device === ONE_WAY_SPOKE);
    expect(spokeSas.length).toBeGreaterThan(0);
    expect(spokeSas.some((row) => (row['encaps/s'] as number) > 0 && row['decaps/s'] === 0)).toBe(true);
    const healthy = oneWay.filter((row) => row.device === 'spoke1');
    expect(healthy.every((row) => (row['decaps/s'] as number) > 0)).toBe(true);

    const flaps = results.get('Flaps per peer')![0]!.series;
    expect(flaps.some((one) => one.tags?.device === FLAPPING_SPOKE)).toBe(true);
  });

  it('device drill-down of a healthy spoke: the chained variables find it under its hub; every panel has data', async () => {
    const results = await panelResults('dmvpn-device.json', { hub: 'hub1', device: 'spoke1' });
    // A spoke that never changed state has no tunnel edges.
    expectDataInEveryPanel(results, ['Tunnel edges of $device']);
  });

  it('device drill-down of the flapping spoke: its tunnel edges and peer states', async () => {
    const results = await panelResults('dmvpn-device.json', { hub: 'hub2', device: FLAPPING_SPOKE });
    for (const title of ['Tunnel edges of $device', 'Peer states', 'Tunnel interface', 'Polls of $device'])
      expect(hasRows(results.get(title)![0]!.series), title).toBe(true);
  });

  it('crypto view: every panel has data', async () => {
    expectDataInEveryPanel(await panelResults('dmvpn-crypto.json', {}));
  });

  it('the findings panels show active findings once `finding` samples are written', async () => {
    const db = 'findings';
    await influxQuery({ url: influxd.url }, `CREATE DATABASE ${db}`);
    const finding = (rule: string, active: number, time: number): Sample => ({
      measurement: 'finding',
      tags: {
        device: ONE_WAY_SPOKE,
        role: 'spoke',
        rule,
        severity: 'major',
        interface: 'Tunnel0',
        peer: '203.0.113.1',
      },
      fields: { active, title: `${rule} on ${ONE_WAY_SPOKE}` },
      time,
    });
    await new InfluxV1Sink({ url: influxd.url, db }).writeBatch([
      finding('esp-blocked', 1, range.from + 1_000),
      finding('nhs-down', 1, range.from + 1_000),
      finding('nhs-down', 0, range.from + 2_000),
    ]);
    const variables = new Map([['hub', ['hub1', 'hub2']]]);
    const queries = dashboardFile('dmvpn-noc-overview.json')
      .panels.flatMap((panel) =>
        (panel.targets ?? []).map((target) => ({ title: panel.title, query: target.query })),
      )
      .filter((target) => target.query.includes('"finding"'));
    expect(queries.map((target) => target.title).sort()).toEqual(['Active findings', 'Open findings']);
    for (const { query } of queries) {
      const rows = seriesRows(await select(interpolate(query, { ...range, ...GRAFANA, variables }), db));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject(
        query.includes('count(') ? { count: 1 } : { rule: 'esp-blocked', title: 'esp-blocked on spoke2' },
      );
    }
  });
});
