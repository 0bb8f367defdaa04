// The crypto layer across devices: IKE SAs, IPsec SAs, traffic both ways, errors, crypto sessions.

import { BigValueColorMode, type Dashboard, TableCellHeight, VisibilityMode } from '@grafana/schema';
import {
  dashboard,
  fields,
  influxQl,
  stateMappings,
  tagValuesVariable,
  upDownMappings,
  type PanelSpec,
} from './builders.js';

const DEVICE = `"device" =~ /^$device$/`;

const total = (title: string, description: string, query: string): PanelSpec => ({
  type: 'stat',
  title,
  description,
  targets: [influxQl(query, 'time_series')],
  size: { w: 6, h: 4 },
  fieldConfig: fields({ decimals: 0 }),
  options: {
    reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
    colorMode: BigValueColorMode.Value,
  },
});

const totals: PanelSpec[] = [
  total(
    'IKE SAs up',
    'IKE SAs established (QM_IDLE, READY) with the chosen peers, at the last poll.',
    `SELECT sum("up") FROM (SELECT last("up") AS "up" FROM "ike_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY *)`,
  ),
  total(
    'IKE SAs not up',
    'IKE SAs still negotiating or failed (MM_NO_STATE, ...), at the last poll.',
    `SELECT count("up") - sum("up") FROM (SELECT last("up") AS "up" FROM "ike_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY *)`,
  ),
  total(
    'IPsec SAs (in + out)',
    'ESP SAs in both directions with the chosen peers, at the last poll.',
    `SELECT sum("in") + sum("out") FROM (SELECT last("in_sas") AS "in", last("out_sas") AS "out" FROM "ipsec_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY *)`,
  ),
  total(
    'Crypto sessions UP-ACTIVE',
    'Crypto sessions with the chosen peers that are UP-ACTIVE, at the last poll.',
    `SELECT sum("up") FROM (SELECT last("up") AS "up" FROM "crypto_session" WHERE $timeFilter AND ${DEVICE} AND "peer" =~ /^$peer$/ GROUP BY *)`,
  ),
];

const ike: PanelSpec[] = [
  {
    type: 'table',
    title: 'IKE SAs',
    description: 'Every IKE SA at the last poll: version, ends, state, lifetime left.',
    targets: [
      influxQl(
        `SELECT last("state") AS "state", last("up") AS "up", last("lifetime_s") AS "lifetime left" FROM "ike_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY "device", "version", "local", "remote"`,
        'table',
      ),
    ],
    size: { w: 12, h: 9 },
    fieldConfig: fields(
      {},
      {
        state: { mappings: stateMappings(), 'custom.cellOptions': { type: 'color-text' } },
        up: { mappings: upDownMappings('up', 'down') },
        'lifetime left': { unit: 's' },
        Time: { 'custom.hidden': true },
      },
    ),
    options: {
      showHeader: true,
      cellHeight: TableCellHeight.Sm,
      sortBy: [{ displayName: 'up', desc: false }],
    },
  },
  {
    type: 'state-timeline',
    title: 'IKE SA state per peer',
    description: 'The IKE SA state between each device and peer, poll by poll.',
    targets: [
      influxQl(
        `SELECT last("state") FROM "ike_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY time($__interval), "device", "remote" fill(null)`,
        'time_series',
        '$tag_device ↔ $tag_remote',
      ),
    ],
    size: { w: 12, h: 9 },
    fieldConfig: fields({ mappings: stateMappings() }),
    options: { showValue: VisibilityMode.Auto, mergeValues: true },
  },
];

const ipsec: PanelSpec[] = [
  {
    type: 'timeseries',
    title: 'IPsec SAs per device',
    description: 'Inbound and outbound ESP SAs on each device.',
    targets: [
      influxQl(
        `SELECT sum("in") AS "inbound", sum("out") AS "outbound" FROM (SELECT last("in_sas") AS "in", last("out_sas") AS "out" FROM "ipsec_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY time($__interval), *) WHERE $timeFilter GROUP BY time($__interval), "device" fill(null)`,
        'time_series',
        '$tag_device $col',
      ),
    ],
    size: { w: 8, h: 8 },
    fieldConfig: fields({ min: 0, decimals: 0, custom: { spanNulls: true } }),
  },
  {
    type: 'timeseries',
    title: 'Encaps vs decaps per SA',
    description: 'Packets per second each way on every SA: encaps without decaps is one-way traffic.',
    targets: [
      influxQl(
        `SELECT non_negative_derivative(last("pkts_encaps"), 1s) AS "encaps", non_negative_derivative(last("pkts_decaps"), 1s) AS "decaps" FROM "ipsec_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY time($__interval), * fill(none)`,
        'time_series',
        '$tag_device ↔ $tag_remote $col',
      ),
    ],
    size: { w: 8, h: 8 },
    fieldConfig: fields({ unit: 'pps', min: 0 }),
  },
  {
    type: 'timeseries',
    title: 'IPsec send and receive errors',
    description: 'Errors per second on every SA.',
    targets: [
      influxQl(
        `SELECT non_negative_derivative(last("send_errors"), 1s) AS "send errors", non_negative_derivative(last("recv_errors"), 1s) AS "recv errors" FROM "ipsec_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY time($__interval), * fill(none)`,
        'time_series',
        '$tag_device ↔ $tag_remote $col',
      ),
    ],
    size: { w: 8, h: 8 },
    fieldConfig: fields({ unit: 'short', min: 0 }),
  },
  {
    type: 'table',
    title: 'Encaps vs decaps (mean rates)',
    description:
      'The mean rates of every SA over the time range, lowest decaps first: one-way SAs at the top.',
    targets: [
      influxQl(
        `SELECT mean("encaps") AS "encaps/s", mean("decaps") AS "decaps/s" FROM (SELECT non_negative_derivative(last("pkts_encaps"), 1s) AS "encaps", non_negative_derivative(last("pkts_decaps"), 1s) AS "decaps" FROM "ipsec_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY time($__interval), * fill(none)) WHERE $timeFilter GROUP BY "device", "local", "remote"`,
        'table',
      ),
    ],
    size: { w: 12, h: 8 },
    fieldConfig: fields({ unit: 'pps', decimals: 1 }, { Time: { 'custom.hidden': true } }),
    options: {
      showHeader: true,
      cellHeight: TableCellHeight.Sm,
      sortBy: [{ displayName: 'decaps/s', desc: false }],
    },
  },
  {
    type: 'table',
    title: 'Crypto sessions',
    description: 'Each crypto session at the last poll.',
    targets: [
      influxQl(
        `SELECT last("status") AS "status", last("up") AS "up" FROM "crypto_session" WHERE $timeFilter AND ${DEVICE} AND "peer" =~ /^$peer$/ GROUP BY "device", "interface", "peer"`,
        'table',
      ),
    ],
    size: { w: 12, h: 8 },
    fieldConfig: fields(
      {},
      {
        status: { mappings: stateMappings(), 'custom.cellOptions': { type: 'color-text' } },
        up: { mappings: upDownMappings('up', 'down') },
        Time: { 'custom.hidden': true },
      },
    ),
    options: {
      showHeader: true,
      cellHeight: TableCellHeight.Sm,
      sortBy: [{ displayName: 'up', desc: false }],
    },
  },
  {
    type: 'state-timeline',
    title: 'Crypto session status per peer',
    description: 'UP-ACTIVE, UP-IDLE, UP-NO-IKE, DOWN... for each device and peer, poll by poll.',
    targets: [
      influxQl(
        `SELECT last("status") FROM "crypto_session" WHERE $timeFilter AND ${DEVICE} AND "peer" =~ /^$peer$/ GROUP BY time($__interval), "device", "peer" fill(null)`,
        'time_series',
        '$tag_device ↔ $tag_peer',
      ),
    ],
    size: { w: 24, h: 9 },
    fieldConfig: fields({ mappings: stateMappings() }),
    options: { showValue: VisibilityMode.Auto, mergeValues: true },
  },
];

export const cryptoView: Dashboard = dashboard({
  uid: 'dmvpn-crypto',
  title: 'DMVPN — crypto',
  description:
    'IKE and IPsec across devices: SAs and their states, traffic each way, errors, crypto sessions.',
  tags: ['crypto'],
  variables: [
    tagValuesVariable({
      name: 'device',
      label: 'Device',
      query: `SHOW TAG VALUES FROM "ike_sa" WITH KEY = "device"`,
      multi: true,
      includeAll: true,
    }),
    tagValuesVariable({
      name: 'peer',
      label: 'Peer',
      query: `SHOW TAG VALUES FROM "ike_sa" WITH KEY = "remote" WHERE "device" =~ /^$device$/`,
      multi: true,
      includeAll: true,
    }),
  ],
  sections: [
    { title: 'Totals', panels: totals },
    { title: 'IKE', panels: ike },
    { title: 'IPsec', panels: ipsec },
  ],
});
