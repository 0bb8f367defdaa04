// The NOC's wall: how many spokes each hub has up, which NHS registrations fail, which tunnels flap, whether crypto
// carries traffic both ways, what errors rise, which findings are open, and whether the polls themselves work.

import {
  BarGaugeDisplayMode,
  BigValueColorMode,
  type Dashboard,
  FieldColorModeId,
  MappingType,
  TableCellHeight,
  ThresholdsMode,
  VisibilityMode,
  VizOrientation,
} from '@grafana/schema';
import {
  dashboard,
  fields,
  influxQl,
  stateMappings,
  tagValuesVariable,
  upDownMappings,
  type PanelSpec,
} from './builders.js';

const HUBS = `"device" =~ /^$hub$/`;

const stat = (title: string, description: string, query: string, colour: 'green' | 'red'): PanelSpec => ({
  type: 'stat',
  title,
  description,
  targets: [influxQl(query, 'time_series')],
  size: { w: 4, h: 4 },
  fieldConfig: fields({
    color: { mode: FieldColorModeId.Thresholds },
    thresholds: {
      mode: ThresholdsMode.Absolute,
      steps:
        colour === 'green'
          ? [{ color: 'green', value: null }]
          : [
              { color: 'green', value: null },
              { color: 'red', value: 1 },
            ],
    },
  }),
  options: {
    reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
    colorMode: BigValueColorMode.Background,
  },
});

const summary: PanelSpec[] = [
  stat(
    'Spokes up',
    'Peers in state UP on the selected hubs, at their last poll.',
    `SELECT sum("up") FROM (SELECT last("peers_up") AS "up" FROM "dmvpn_summary" WHERE $timeFilter AND ${HUBS} GROUP BY "device", "interface")`,
    'green',
  ),
  stat(
    'Peers not up',
    'Peers the selected hubs list in any state but UP (NHRP, IKE, IPSEC, DOWN), at their last poll.',
    `SELECT sum("not_up") FROM (SELECT last("peers") - last("peers_up") AS "not_up" FROM "dmvpn_summary" WHERE $timeFilter AND ${HUBS} GROUP BY "device", "interface")`,
    'red',
  ),
  stat(
    'Tunnel edges',
    'State changes of tunnels and peers seen in the time range (polls, syslog, traps), on every device.',
    `SELECT count("to") FROM "tunnel_event" WHERE $timeFilter`,
    'red',
  ),
  stat(
    'Active findings',
    'Faults the diagnosis engine names and has not seen cleared.',
    `SELECT count("active") FROM (SELECT last("active") AS "active" FROM "finding" WHERE $timeFilter GROUP BY *) WHERE "active" = 1`,
    'red',
  ),
  stat(
    'Failed polls',
    'SSH and SNMP polls that ended in an error in the time range.',
    `SELECT count("ok") - sum("ok") FROM "collector_poll" WHERE $timeFilter`,
    'red',
  ),
  stat(
    'Devices polled',
    'Devices with at least one poll in the time range.',
    `SELECT count("ok") FROM (SELECT last("ok") AS "ok" FROM "collector_poll" WHERE $timeFilter AND "collector" = 'ssh' GROUP BY "device")`,
    'green',
  ),
];

const hubs: PanelSpec[] = [
  {
    type: 'table',
    title: 'Peers by state per hub',
    description: 'Per hub tunnel, at the last poll: spokes UP, stuck in NHRP, IKE or IPSEC, and DOWN.',
    targets: [
      influxQl(
        `SELECT last("peers") AS "peers", last("peers_up") AS "UP", last("peers_nhrp") AS "NHRP", last("peers_ike") AS "IKE", last("peers_ipsec") AS "IPSEC", last("peers_down") AS "DOWN" FROM "dmvpn_summary" WHERE $timeFilter AND ${HUBS} GROUP BY "device", "interface"`,
        'table',
      ),
    ],
    size: { w: 12, h: 8 },
    fieldConfig: fields(
      {},
      {
        UP: { 'custom.cellOptions': { type: 'color-text' }, color: { mode: 'fixed', fixedColor: 'green' } },
        DOWN: { 'custom.cellOptions': { type: 'color-text' }, color: { mode: 'fixed', fixedColor: 'red' } },
        Time: { 'custom.hidden': true },
      },
    ),
    options: { showHeader: true, cellHeight: TableCellHeight.Sm },
  },
  {
    type: 'timeseries',
    title: 'Spokes up and not up per hub',
    description: 'Peers UP and peers in any other state, per hub tunnel, poll by poll.',
    targets: [
      influxQl(
        `SELECT last("peers_up") AS "up", last("peers") - last("peers_up") AS "not up" FROM "dmvpn_summary" WHERE $timeFilter AND ${HUBS} GROUP BY time($__interval), "device", "interface" fill(null)`,
        'time_series',
        '$tag_device $tag_interface $col',
      ),
    ],
    size: { w: 12, h: 8 },
    fieldConfig: fields({ custom: { spanNulls: true }, min: 0, decimals: 0 }),
  },
];

const nhrp: PanelSpec[] = [
  {
    type: 'table',
    title: 'NHS status of every spoke',
    description:
      'Each spoke registration with each NHS, at the last poll: a spoke whose NHS is not up (flags without R) is not registered.',
    targets: [
      influxQl(
        `SELECT last("up") AS "NHS", last("flags") AS "flags", last("req_sent") AS "requests sent", last("repl_recv") AS "replies received" FROM "nhrp_nhs" WHERE $timeFilter GROUP BY "device", "interface", "nhs"`,
        'table',
      ),
    ],
    size: { w: 12, h: 9 },
    fieldConfig: fields(
      {},
      {
        NHS: { mappings: upDownMappings('up', 'down'), 'custom.cellOptions': { type: 'color-background' } },
        Time: { 'custom.hidden': true },
      },
    ),
    options: {
      showHeader: true,
      cellHeight: TableCellHeight.Sm,
      sortBy: [{ displayName: 'NHS', desc: false }],
    },
  },
  {
    type: 'state-timeline',
    title: 'NHS registration over time',
    description: 'Up or down for each spoke and NHS, poll by poll.',
    targets: [
      influxQl(
        `SELECT last("up") FROM "nhrp_nhs" WHERE $timeFilter GROUP BY time($__interval), "device", "nhs" fill(null)`,
        'time_series',
        '$tag_device → $tag_nhs',
      ),
    ],
    size: { w: 12, h: 9 },
    fieldConfig: fields({ mappings: upDownMappings('up', 'down') }),
    options: { showValue: VisibilityMode.Never, mergeValues: true },
  },
];

const tunnels: PanelSpec[] = [
  {
    type: 'state-timeline',
    title: 'Tunnel state per peer (hubs)',
    description:
      'The DMVPN state of every peer of the selected hubs, poll by poll; a gap is a peer the hub no longer lists.',
    targets: [
      influxQl(
        `SELECT last("state") FROM "dmvpn_peer" WHERE $timeFilter AND ${HUBS} GROUP BY time($__interval), "device", "peer_tunnel", "peer_nbma" fill(null)`,
        'time_series',
        '$tag_device → $tag_peer_tunnel ($tag_peer_nbma)',
      ),
    ],
    size: { w: 24, h: 10 },
    fieldConfig: fields({ mappings: stateMappings(), color: { mode: FieldColorModeId.Thresholds } }),
    options: { showValue: VisibilityMode.Auto, mergeValues: true, rowHeight: 0.8 },
  },
  {
    type: 'table',
    title: 'Tunnel edges, newest first',
    description:
      'Every state change of a tunnel or peer, newest first, with where it was seen (poll, syslog, trap).',
    targets: [
      influxQl(
        `SELECT "device", "interface", "peer", "from", "to", "source" FROM "tunnel_event" WHERE $timeFilter ORDER BY time DESC LIMIT 500`,
        'table',
      ),
    ],
    size: { w: 14, h: 9 },
    fieldConfig: fields(
      {},
      { to: { mappings: stateMappings(), 'custom.cellOptions': { type: 'color-text' } } },
    ),
    options: { showHeader: true, cellHeight: TableCellHeight.Sm },
  },
  {
    type: 'bargauge',
    title: 'Flaps per peer',
    description: 'How often each tunnel or peer left UP in the time range: the flapping ones top the list.',
    targets: [
      influxQl(
        `SELECT count("to") AS "drops" FROM "tunnel_event" WHERE $timeFilter AND "from" =~ /^(UP|up)$/ GROUP BY "device", "peer"`,
        'time_series',
        '$tag_device $tag_peer',
      ),
    ],
    size: { w: 10, h: 9 },
    fieldConfig: fields({
      min: 0,
      decimals: 0,
      color: { mode: FieldColorModeId.Thresholds },
      thresholds: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { color: 'green', value: null },
          { color: 'orange', value: 1 },
          { color: 'red', value: 3 },
        ],
      },
    }),
    options: {
      orientation: VizOrientation.Horizontal,
      displayMode: BarGaugeDisplayMode.Basic,
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
    },
  },
];

const crypto: PanelSpec[] = [
  {
    type: 'timeseries',
    title: 'IKE SAs up per hub',
    description: 'IKE SAs in an established state (QM_IDLE, READY) on each selected hub.',
    targets: [
      influxQl(
        `SELECT sum("up") AS "IKE SAs up" FROM (SELECT last("up") AS "up" FROM "ike_sa" WHERE $timeFilter AND ${HUBS} GROUP BY time($__interval), *) WHERE $timeFilter GROUP BY time($__interval), "device" fill(null)`,
        'time_series',
        '$tag_device $col',
      ),
    ],
    size: { w: 12, h: 8 },
    fieldConfig: fields({ min: 0, decimals: 0, custom: { spanNulls: true } }),
  },
  {
    type: 'timeseries',
    title: 'IPsec SAs per hub',
    description: 'Inbound and outbound ESP SAs on each selected hub.',
    targets: [
      influxQl(
        `SELECT sum("in") AS "inbound", sum("out") AS "outbound" FROM (SELECT last("in_sas") AS "in", last("out_sas") AS "out" FROM "ipsec_sa" WHERE $timeFilter AND ${HUBS} GROUP BY time($__interval), *) WHERE $timeFilter GROUP BY time($__interval), "device" fill(null)`,
        'time_series',
        '$tag_device $col SAs',
      ),
    ],
    size: { w: 12, h: 8 },
    fieldConfig: fields({ min: 0, decimals: 0, custom: { spanNulls: true } }),
  },
  {
    type: 'timeseries',
    title: 'Encaps vs decaps per peer (hubs)',
    description:
      'Packets encrypted to and decrypted from each peer of the selected hubs, per second. Encaps without decaps is one-way traffic: ESP lost on the way back.',
    targets: [
      influxQl(
        `SELECT non_negative_derivative(last("pkts_encaps"), 1s) AS "encaps", non_negative_derivative(last("pkts_decaps"), 1s) AS "decaps" FROM "ipsec_sa" WHERE $timeFilter AND ${HUBS} GROUP BY time($__interval), * fill(none)`,
        'time_series',
        '$tag_device ↔ $tag_remote $col',
      ),
    ],
    size: { w: 12, h: 9 },
    fieldConfig: fields({ unit: 'pps', min: 0 }),
  },
  {
    type: 'table',
    title: 'One-way traffic: encaps vs decaps per SA (every device)',
    description:
      'The mean encaps and decaps rates of every IPsec SA on every device over the time range, lowest decaps first: an SA that encrypts but never decrypts shows at the top.',
    targets: [
      influxQl(
        `SELECT mean("encaps") AS "encaps/s", mean("decaps") AS "decaps/s" FROM (SELECT non_negative_derivative(last("pkts_encaps"), 1s) AS "encaps", non_negative_derivative(last("pkts_decaps"), 1s) AS "decaps" FROM "ipsec_sa" WHERE $timeFilter GROUP BY time($__interval), * fill(none)) WHERE $timeFilter GROUP BY "device", "local", "remote"`,
        'table',
      ),
    ],
    size: { w: 12, h: 9 },
    fieldConfig: fields(
      { unit: 'pps', decimals: 1 },
      {
        'decaps/s': {
          'custom.cellOptions': { type: 'color-background' },
          thresholds: {
            mode: 'absolute',
            steps: [
              { color: 'red', value: null },
              { color: 'green', value: 0.001 },
            ],
          },
        },
        Time: { 'custom.hidden': true },
      },
    ),
    options: {
      showHeader: true,
      cellHeight: TableCellHeight.Sm,
      sortBy: [{ displayName: 'decaps/s', desc: false }],
    },
  },
];

const errors: PanelSpec[] = [
  {
    type: 'timeseries',
    title: 'IPsec send and receive errors',
    description:
      'Errors per second on every IPsec SA: receive errors rise when ESP arrives corrupted or replayed.',
    targets: [
      influxQl(
        `SELECT non_negative_derivative(last("send_errors"), 1s) AS "send errors", non_negative_derivative(last("recv_errors"), 1s) AS "recv errors" FROM "ipsec_sa" WHERE $timeFilter GROUP BY time($__interval), * fill(none)`,
        'time_series',
        '$tag_device ↔ $tag_remote $col',
      ),
    ],
    size: { w: 8, h: 8 },
    fieldConfig: fields({ unit: 'short', min: 0 }),
  },
  {
    type: 'timeseries',
    title: 'Tunnel interface errors',
    description: 'Input and output errors per second on every tunnel interface.',
    targets: [
      influxQl(
        `SELECT non_negative_derivative(last("in_errors"), 1s) AS "in errors", non_negative_derivative(last("out_errors"), 1s) AS "out errors" FROM "tunnel_if" WHERE $timeFilter GROUP BY time($__interval), "device", "interface" fill(none)`,
        'time_series',
        '$tag_device $tag_interface $col',
      ),
    ],
    size: { w: 8, h: 8 },
    fieldConfig: fields({ unit: 'short', min: 0 }),
  },
  {
    type: 'timeseries',
    title: 'NHRP error indications',
    description:
      'NHRP error indications sent and received per second: registrations or resolutions being refused.',
    targets: [
      influxQl(
        `SELECT non_negative_derivative(last("err_ind_sent"), 1s) AS "sent", non_negative_derivative(last("err_ind_rcvd"), 1s) AS "received" FROM "nhrp_traffic" WHERE $timeFilter GROUP BY time($__interval), "device", "interface" fill(none)`,
        'time_series',
        '$tag_device $tag_interface error indications $col',
      ),
    ],
    size: { w: 8, h: 8 },
    fieldConfig: fields({ unit: 'short', min: 0 }),
  },
];

const health: PanelSpec[] = [
  {
    type: 'table',
    title: 'Open findings',
    description:
      'Faults the diagnosis engine names (rule, severity, device, interface, peer) whose last state is active.',
    targets: [
      influxQl(
        `SELECT "title", "severity", "rule", "device", "interface", "peer" FROM (SELECT last("active") AS "active", last("title") AS "title" FROM "finding" WHERE $timeFilter GROUP BY *) WHERE "active" = 1`,
        'table',
      ),
    ],
    size: { w: 24, h: 8 },
    fieldConfig: fields(
      {},
      {
        severity: {
          mappings: [
            {
              type: MappingType.ValueToText,
              options: {
                critical: { color: 'dark-red', index: 0 },
                major: { color: 'red', index: 1 },
                minor: { color: 'orange', index: 2 },
                info: { color: 'blue', index: 3 },
              },
            },
          ],
          'custom.cellOptions': { type: 'color-background' },
        },
        Time: { 'custom.hidden': true },
      },
    ),
    options: { showHeader: true, cellHeight: TableCellHeight.Sm },
  },
  {
    type: 'timeseries',
    title: 'Poll duration',
    description: 'Mean time an SSH or SNMP poll of a device takes.',
    targets: [
      influxQl(
        `SELECT mean("duration_ms") FROM "collector_poll" WHERE $timeFilter GROUP BY time($__interval), "collector" fill(null)`,
        'time_series',
        '$tag_collector',
      ),
    ],
    size: { w: 8, h: 8 },
    fieldConfig: fields({ unit: 'ms', min: 0, custom: { spanNulls: true } }),
  },
  {
    type: 'timeseries',
    title: 'Failed polls over time',
    description: 'Polls that ended in an error, per collector.',
    targets: [
      influxQl(
        `SELECT count("ok") - sum("ok") AS "failed" FROM "collector_poll" WHERE $timeFilter GROUP BY time($__interval), "collector" fill(null)`,
        'time_series',
        '$tag_collector $col',
      ),
    ],
    size: { w: 8, h: 8 },
    fieldConfig: fields({ min: 0, decimals: 0, custom: { drawStyle: 'bars', fillOpacity: 80 } }),
  },
  {
    type: 'table',
    title: 'Last poll per device',
    description: 'Whether the last poll of each device worked, how long it took, and its error.',
    targets: [
      influxQl(
        `SELECT last("ok") AS "ok", last("duration_ms") AS "duration", last("error") AS "error" FROM "collector_poll" WHERE $timeFilter GROUP BY "device", "collector"`,
        'table',
      ),
    ],
    size: { w: 8, h: 8 },
    fieldConfig: fields(
      {},
      {
        ok: { mappings: upDownMappings('ok', 'failed'), 'custom.cellOptions': { type: 'color-text' } },
        duration: { unit: 'ms' },
        Time: { 'custom.hidden': true },
      },
    ),
    options: {
      showHeader: true,
      cellHeight: TableCellHeight.Sm,
      sortBy: [{ displayName: 'ok', desc: false }],
    },
  },
];

export const nocOverview: Dashboard = dashboard({
  uid: 'dmvpn-noc-overview',
  title: 'DMVPN — NOC overview',
  description:
    'Per hub: spokes up and stuck; NHS registration of every spoke; tunnel states and flaps; IKE/IPsec SAs and one-way traffic; errors; active findings; poll health.',
  tags: ['noc'],
  variables: [
    tagValuesVariable({
      name: 'hub',
      label: 'Hub',
      query: `SHOW TAG VALUES FROM "dmvpn_summary" WITH KEY = "device" WHERE "role" = 'hub'`,
      multi: true,
      includeAll: true,
    }),
  ],
  sections: [
    { title: 'Summary', panels: summary },
    { title: 'Hubs', panels: hubs },
    { title: 'NHRP registration', panels: nhrp },
    { title: 'Tunnel states and flaps', panels: tunnels },
    { title: 'Crypto', panels: crypto },
    { title: 'Errors', panels: errors },
    { title: 'Findings and polling', panels: health },
  ],
});
