// The files Grafana provisions: the dashboard JSON is what dashboards/definitions/ builds (typed with Grafana's own
// dashboard schema, @grafana/schema) and passes the run-time checks of its shape; the provisioning YAML points
// Grafana at the InfluxDB database and the dashboards' folder. `PIN=1` rewrites the JSON from the definitions
// (formatted as prettier would).

import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { dashboardProblems } from '../dashboards/check/dashboard-shape.js';
import { datasourceVariable } from '../dashboards/definitions/builders.js';
import { DASHBOARDS, dashboardJson } from '../dashboards/definitions/index.js';

const DASHBOARDS_DIR = join(import.meta.dirname, '../dashboards');
const readJson = (file: string): unknown =>
  JSON.parse(readFileSync(join(DASHBOARDS_DIR, 'json', file), 'utf8'));
const readYaml = (file: string) => parse(readFileSync(join(DASHBOARDS_DIR, 'provisioning', file), 'utf8'));

describe('dashboard JSON', () => {
  it.each(DASHBOARDS.map((entry) => [entry.file, entry]))(
    '%s is the built dashboard',
    async (file, entry) => {
      if (process.env.PIN) {
        const path = join(DASHBOARDS_DIR, 'json', file);
        const options = { ...(await resolveConfig(path)), parser: 'json' };
        writeFileSync(path, await format(dashboardJson(entry.dashboard), options));
      }
      expect(readJson(file)).toEqual(JSON.parse(dashboardJson(entry.dashboard)));
    },
  );

  it.each(DASHBOARDS.map((entry) => [entry.file]))('%s has the shape Grafana 11/12 loads', (file) => {
    expect(dashboardProblems(readJson(file))).toEqual([]);
  });

  it('gives every dashboard its own uid and every panel of a dashboard its own title', () => {
    const uids = DASHBOARDS.map((entry) => entry.dashboard.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const { dashboard } of DASHBOARDS) {
      const titles = (dashboard.panels ?? [])
        .filter((panel) => panel.type !== 'row')
        .map((panel) => panel.title);
      expect(new Set(titles).size, dashboard.title).toBe(titles.length);
    }
  });

  it('finds the problems it is there to find', () => {
    const broken = JSON.parse(dashboardJson(DASHBOARDS[0]!.dashboard));
    broken.schemaVersion = 16;
    const [first, second] = broken.panels.filter((panel: { type: string }) => panel.type !== 'row');
    second.gridPos = { ...first.gridPos };
    first.targets[0].query = first.targets[0].query.replace('"dmvpn_summary"', '"dmvpn_peers"');
    first.targets[0].rawQuery = false;
    broken.templating.list[1].query =
      'SHOW TAG VALUES FROM "x" WITH KEY = "device" WHERE "device" =~ /^$later$/';
    expect(dashboardProblems(broken)).toEqual([
      'schemaVersion 16: Grafana 11/12 dashboards are 39..42',
      'variable hub: uses $later before it is defined',
      `panel ${first.id} "${first.title}": not a raw InfluxQL query`,
      `panel ${first.id} "${first.title}": measurement dmvpn_peers is not in the schema`,
      `panel ${first.id} "${first.title}": "peers_up" is no field or tag of dmvpn_peers`,
      `panel ${first.id} "${first.title}": "device" is no field or tag of dmvpn_peers`,
      `panel ${first.id} "${first.title}": "interface" is no field or tag of dmvpn_peers`,
      `panel ${second.id} "${second.title}" overlaps panel ${first.id} "${first.title}"`,
    ]);
  });
});

describe('provisioning', () => {
  it('provisions the InfluxDB datasource the dashboards select by default', () => {
    const { apiVersion, datasources } = readYaml('datasources/dmvpn-watch.yaml');
    expect(apiVersion).toBe(1);
    expect(datasources).toHaveLength(1);
    const [datasource] = datasources;
    expect(datasource).toMatchObject({
      type: 'influxdb',
      access: 'proxy',
      uid: (datasourceVariable.current as { value: string }).value,
      name: (datasourceVariable.current as { text: string }).text,
      jsonData: { version: 'InfluxQL', dbName: expect.any(String), timeInterval: expect.any(String) },
    });
    expect(() => new URL(datasource.url)).not.toThrow();
  });

  it('loads the dashboards folder into a Grafana folder', () => {
    const { apiVersion, providers } = readYaml('dashboards/dmvpn-watch.yaml');
    expect(apiVersion).toBe(1);
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({
      type: 'file',
      folder: expect.any(String),
      options: { path: expect.any(String) },
    });
    expect(isAbsolute(providers[0].options.path)).toBe(true);
  });
});
