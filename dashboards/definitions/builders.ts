// The pieces every dmvpn-watch dashboard is made of, typed with Grafana's own dashboard schema (@grafana/schema):
// panels whose targets are raw InfluxQL against the chosen InfluxDB datasource, and the variables that choose it.

import { MappingType } from '@grafana/schema';
import type { Options as BarGaugeOptions } from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type { Options as StatOptions } from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type { Options as StateTimelineOptions } from '@grafana/schema/dist/esm/raw/composable/statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen';
import type { Options as TableOptions } from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type { Options as TimeSeriesOptions } from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';
import type {
  DataSourceRef,
  Dashboard,
  FieldConfigSource,
  GridPos,
  Panel,
  RowPanel,
  ValueMapping,
  VariableModel,
} from '@grafana/schema';

/** Grafana 12.0's dashboard schema version: Grafana 11 and 12 load it without migrating anything. */
export const SCHEMA_VERSION = 41;

/** Every panel and query variable asks the InfluxDB datasource picked in the `datasource` variable. */
export const DATASOURCE: DataSourceRef = { type: 'influxdb', uid: '${datasource}' };

export type ResultFormat = 'time_series' | 'table';

/** An InfluxQL target in raw mode, as Grafana's InfluxDB query editor saves it. */
export interface InfluxQlTarget extends Record<string, unknown> {
  refId: string;
  datasource: DataSourceRef;
  query: string;
  rawQuery: true;
  resultFormat: ResultFormat;
  alias?: string;
}

export function influxQl(query: string, resultFormat: ResultFormat, alias?: string): InfluxQlTarget {
  return {
    refId: 'A',
    datasource: DATASOURCE,
    query,
    rawQuery: true,
    resultFormat,
    ...(alias ? { alias } : {}),
  };
}

/** Each panel type with its options as Grafana's schema of that panel plugin defines them (unset ones default). */
type PanelOptions =
  | { type: 'stat'; options?: Partial<StatOptions> }
  | { type: 'table'; options?: Partial<TableOptions> }
  | { type: 'timeseries'; options?: Partial<TimeSeriesOptions> }
  | { type: 'state-timeline'; options?: Partial<StateTimelineOptions> }
  | { type: 'bargauge'; options?: Partial<BarGaugeOptions> };

export type PanelSpec = PanelOptions & {
  title: string;
  description: string;
  targets: InfluxQlTarget[];
  size: { w: number; h: number };
  fieldConfig?: FieldConfigSource;
};

/** Panels are laid out left to right in rows of 24 columns; a row header starts a new line. */
export interface Section {
  title: string;
  panels: PanelSpec[];
}

const GRID_WIDTH = 24;

export function layout(sections: readonly Section[]): (Panel | RowPanel)[] {
  const panels: (Panel | RowPanel)[] = [];
  let id = 1;
  let y = 0;
  for (const section of sections) {
    panels.push({
      type: 'row',
      id: id++,
      title: section.title,
      collapsed: false,
      panels: [],
      gridPos: { h: 1, w: 24, x: 0, y },
    });
    y += 1;
    let x = 0;
    let rowHeight = 0;
    for (const spec of section.panels) {
      if (x + spec.size.w > GRID_WIDTH) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      const gridPos: GridPos = { x, y, w: spec.size.w, h: spec.size.h };
      panels.push({
        id: id++,
        type: spec.type,
        title: spec.title,
        description: spec.description,
        datasource: DATASOURCE,
        gridPos,
        targets: spec.targets.map((target, index) => ({ ...target, refId: String.fromCharCode(65 + index) })),
        fieldConfig: spec.fieldConfig ?? { defaults: {}, overrides: [] },
        options: { ...spec.options },
      });
      x += spec.size.w;
      rowHeight = Math.max(rowHeight, spec.size.h);
    }
    y += rowHeight;
  }
  return panels;
}

export const datasourceVariable: VariableModel = {
  name: 'datasource',
  label: 'InfluxDB',
  type: 'datasource',
  query: 'influxdb',
  current: { text: 'dmvpn-watch InfluxDB', value: 'dmvpn-watch-influxdb' },
  refresh: 1,
  hide: 0,
};

export interface TagValuesVariable {
  name: string;
  label: string;
  /** `SHOW TAG VALUES ...`; may use the variables before it. */
  query: string;
  multi: boolean;
  includeAll: boolean;
  hidden?: boolean;
}

/** A variable filled from InfluxDB tag values, refreshed with the time range so new devices appear. */
export function tagValuesVariable(spec: TagValuesVariable): VariableModel {
  return {
    name: spec.name,
    label: spec.label,
    type: 'query',
    datasource: DATASOURCE,
    query: spec.query,
    refresh: 2,
    sort: 7,
    multi: spec.multi,
    includeAll: spec.includeAll,
    hide: spec.hidden ? 2 : 0,
    ...(spec.includeAll ? { current: { text: 'All', value: '$__all' } } : {}),
  };
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  variables: VariableModel[];
  sections: Section[];
}

export function dashboard(spec: DashboardSpec): Dashboard {
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ['dmvpn', 'dmvpn-watch', ...spec.tags],
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    editable: true,
    graphTooltip: 1,
    timezone: 'browser',
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    fiscalYearStartMonth: 0,
    links: [
      {
        title: 'dmvpn-watch',
        type: 'dashboards',
        tags: ['dmvpn-watch'],
        asDropdown: true,
        icon: 'external link',
        includeVars: false,
        keepTime: true,
        targetBlank: false,
        tooltip: '',
      },
    ],
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    templating: { list: [datasourceVariable, ...spec.variables] },
    panels: layout(spec.sections),
  };
}

/** 1/0 fields shown as words and colours. */
export function upDownMappings(up: string, down: string): ValueMapping[] {
  return [
    {
      type: MappingType.ValueToText,
      options: { '1': { text: up, color: 'green', index: 0 }, '0': { text: down, color: 'red', index: 1 } },
    },
  ];
}

const STATE_COLOURS: Record<string, string> = {
  UP: 'green',
  'UP-ACTIVE': 'green',
  QM_IDLE: 'green',
  READY: 'green',
  NHRP: 'orange',
  IPSEC: 'orange',
  'UP-IDLE': 'orange',
  IKE: 'yellow',
  'UP-NO-IKE': 'yellow',
  MM_NO_STATE: 'yellow',
  DOWN: 'red',
  'DOWN-NEGOTIATING': 'red',
  INTF: 'red',
  BFD: 'red',
  up: 'green',
  down: 'red',
};

/** The states of DMVPN peers, IKE SAs and crypto sessions, each with the colour a NOC expects. */
export function stateMappings(): ValueMapping[] {
  const options = Object.fromEntries(
    Object.entries(STATE_COLOURS).map(([state, color], index) => [state, { color, index }]),
  );
  return [{ type: MappingType.ValueToText, options }];
}

/** Field settings for every field of a panel, and per-field exceptions by field name and Grafana property id. */
export function fields(
  defaults: FieldConfigSource['defaults'],
  byName: Record<string, Record<string, unknown>> = {},
): FieldConfigSource {
  return {
    defaults,
    overrides: Object.entries(byName).map(([name, properties]) => ({
      matcher: { id: 'byName', options: name },
      properties: Object.entries(properties).map(([id, value]) => ({ id, value })),
    })),
  };
}
