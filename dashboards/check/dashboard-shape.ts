// Checks a dashboard file at run time against what Grafana's dashboard schema (@grafana/schema) requires and what
// these dashboards promise: InfluxQL targets in raw mode on the `datasource` variable, variables defined before
// use, panels on the 24-column grid without overlap, and only measurements, fields and tags of DESIGN.md's schema.

import { defaultDashboard } from '@grafana/schema';
import { variablesIn } from './grafana-interpolation.js';
import { SCHEMA } from './schema.js';

/** Grafana 11.0's schema version: the oldest these dashboards are written for. */
const OLDEST_SCHEMA_VERSION = 39;

const VARIABLE_TYPES = new Set([
  'query',
  'adhoc',
  'groupby',
  'constant',
  'datasource',
  'interval',
  'textbox',
  'custom',
  'system',
  'snapshot',
  'switch',
]);
const PANEL_TYPES = new Set(['stat', 'table', 'timeseries', 'state-timeline', 'bargauge', 'row']);
const BUILT_IN_VARIABLES = new Set(['timeFilter', '__interval', 'interval', '__interval_ms']);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isInteger = (value: unknown): value is number => Number.isInteger(value);

function checkVariables(dashboard: Json, problems: string[]): Set<string> {
  const defined = new Set<string>();
  const list = isObject(dashboard.templating) ? dashboard.templating.list : undefined;
  if (!Array.isArray(list)) {
    problems.push('templating.list is missing');
    return defined;
  }
  for (const variable of list as Json[]) {
    const name = String(variable.name ?? '');
    if (!name) problems.push('a variable has no name');
    if (!VARIABLE_TYPES.has(String(variable.type))) problems.push(`variable ${name}: type ${variable.type}`);
    if (variable.type === 'datasource' && variable.query !== 'influxdb')
      problems.push(`variable ${name}: a datasource variable of plugin ${variable.query}, not influxdb`);
    if (variable.type === 'query') {
      if (!isObject(variable.datasource) || variable.datasource.uid !== '${datasource}')
        problems.push(`variable ${name}: not on the datasource variable`);
      if (typeof variable.query !== 'string' || !/^SHOW TAG VALUES /.test(variable.query))
        problems.push(`variable ${name}: not a SHOW TAG VALUES query`);
      else
        for (const used of variablesIn(variable.query))
          if (!defined.has(used)) problems.push(`variable ${name}: uses $${used} before it is defined`);
    }
    defined.add(name);
  }
  if (!list.some((variable: Json) => variable.type === 'datasource' && variable.name === 'datasource'))
    problems.push('no datasource variable named "datasource"');
  return defined;
}

/** The measurements a query reads and the quoted names it uses; each name must be a field or tag of one of them. */
function checkSchemaNames(where: string, query: string, problems: string[]): void {
  const measurements = [...query.matchAll(/FROM "(\w+)"/g)].map((match) => match[1]!);
  for (const measurement of measurements)
    if (!SCHEMA[measurement]) problems.push(`${where}: measurement ${measurement} is not in the schema`);
  const known = new Set(
    measurements.flatMap((measurement) => [
      ...(SCHEMA[measurement]?.fields ?? []),
      ...(SCHEMA[measurement]?.tags ?? []),
    ]),
  );
  const aliases = new Set([...query.matchAll(/AS "([^"]+)"/g)].map((match) => match[1]!));
  for (const name of new Set([...query.matchAll(/"([^"]+)"/g)].map((match) => match[1]!))) {
    if (measurements.includes(name) || aliases.has(name) || known.has(name)) continue;
    problems.push(`${where}: "${name}" is no field or tag of ${measurements.join(', ')}`);
  }
}

function checkTargets(where: string, panel: Json, defined: Set<string>, problems: string[]): void {
  if (
    !isObject(panel.datasource) ||
    panel.datasource.type !== 'influxdb' ||
    panel.datasource.uid !== '${datasource}'
  )
    problems.push(`${where}: datasource is not the InfluxDB datasource variable`);
  const targets = panel.targets;
  if (!Array.isArray(targets) || targets.length === 0) {
    problems.push(`${where}: no targets`);
    return;
  }
  const refIds = new Set<string>();
  for (const target of targets as Json[]) {
    const query = target.query;
    if (typeof target.refId !== 'string' || refIds.has(target.refId))
      problems.push(`${where}: refId missing or repeated`);
    refIds.add(String(target.refId));
    if (target.rawQuery !== true) problems.push(`${where}: not a raw InfluxQL query`);
    if (target.resultFormat !== 'time_series' && target.resultFormat !== 'table')
      problems.push(`${where}: resultFormat ${target.resultFormat}`);
    if (typeof query !== 'string' || !query.startsWith('SELECT ')) {
      problems.push(`${where}: the query is not a SELECT`);
      continue;
    }
    if (!query.includes('$timeFilter'))
      problems.push(`${where}: the query ignores the time range ($timeFilter)`);
    for (const used of variablesIn(query))
      if (!defined.has(used) && !BUILT_IN_VARIABLES.has(used))
        problems.push(`${where}: $${used} is not defined`);
    checkSchemaNames(where, query, problems);
  }
}

function checkGrid(panels: Json[], problems: string[]): void {
  const cells = new Map<string, string>();
  for (const panel of panels) {
    const grid = panel.gridPos;
    const name = `panel ${panel.id} "${panel.title}"`;
    if (!isObject(grid) || ![grid.x, grid.y, grid.w, grid.h].every(isInteger)) {
      problems.push(`${name}: gridPos needs integer x, y, w, h`);
      continue;
    }
    const [x, y, w, h] = [grid.x, grid.y, grid.w, grid.h] as number[];
    if (x! < 0 || w! < 1 || x! + w! > 24 || h! < 1) problems.push(`${name}: outside the 24-column grid`);
    for (let row = y!; row < y! + h!; row++)
      for (let column = x!; column < x! + w!; column++) {
        const other = cells.get(`${row}:${column}`);
        if (other && other !== name) {
          problems.push(`${name} overlaps ${other}`);
          return;
        }
        cells.set(`${row}:${column}`, name);
      }
  }
}

/** Every problem found, as a sentence naming the dashboard part; none when the dashboard is fine. */
export function dashboardProblems(dashboard: unknown): string[] {
  if (!isObject(dashboard)) return ['not a JSON object'];
  const problems: string[] = [];
  const version = dashboard.schemaVersion;
  if (!isInteger(version) || version < OLDEST_SCHEMA_VERSION || version > defaultDashboard.schemaVersion)
    problems.push(
      `schemaVersion ${version}: Grafana 11/12 dashboards are ${OLDEST_SCHEMA_VERSION}..${defaultDashboard.schemaVersion}`,
    );
  for (const key of ['uid', 'title'] as const)
    if (typeof dashboard[key] !== 'string' || !dashboard[key]) problems.push(`${key} is missing`);
  if (typeof dashboard.uid === 'string' && dashboard.uid.length > 40)
    problems.push('uid longer than 40 characters');
  const defined = checkVariables(dashboard, problems);
  const panels = dashboard.panels;
  if (!Array.isArray(panels) || panels.length === 0) return [...problems, 'no panels'];
  const ids = new Set<unknown>();
  for (const panel of panels as Json[]) {
    const where = `panel ${panel.id} "${panel.title}"`;
    if (!isInteger(panel.id) || ids.has(panel.id)) problems.push(`${where}: id missing or repeated`);
    ids.add(panel.id);
    if (!PANEL_TYPES.has(String(panel.type))) problems.push(`${where}: type ${panel.type}`);
    if (typeof panel.title !== 'string' || !panel.title) problems.push(`${where}: no title`);
    if (panel.type === 'row') {
      if (typeof panel.collapsed !== 'boolean' || !Array.isArray(panel.panels))
        problems.push(`${where}: a row needs collapsed and panels`);
      continue;
    }
    checkTargets(where, panel, defined, problems);
  }
  checkGrid(panels as Json[], problems);
  return problems;
}
