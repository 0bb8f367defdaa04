// One device at a time: pick a hub, then one of its spokes (or the hub itself), a tunnel interface and peers; see its
// peers, tunnel interface, NHRP, crypto with the chosen peers, and its polls.

import { type Dashboard, TableCellHeight, VisibilityMode } from '@grafana/schema';
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
const INTERFACE = `"interface" =~ /^$interface$/`;

const tunnel: PanelSpec[] = [
  {
    type: 'table',
    title: 'Peers of $device',
    description: 'Every DMVPN peer of the device at its last poll: state, how long in it, NHRP entries.',
    targets: [
      influxQl(
        `SELECT last("state") AS "state", last("uptime_s") AS "in state for", last("entries") AS "entries" FROM "dmvpn_peer" WHERE $timeFilter AND ${DEVICE} AND ${INTERFACE} AND "peer_nbma" =~ /^$peer$/ GROUP BY "interface", "peer_nbma", "peer_tunnel", "peer_type"`,
        'table',
      ),
    ],
    size: { w: 12, h: 8 },
    fieldConfig: fields(
      {},
      {
        state: { mappings: stateMappings(), 'custom.cellOptions': { type: 'color-background' } },
        'in state for': { unit: 's' },
        Time: { 'custom.hidden': true },
      },
    ),
    options: { showHeader: true, cellHeight: TableCellHeight.Sm },
  },
  {
    type: 'state-timeline',
    title: 'Peer states',
    description: 'The state of each chosen peer, poll by poll; a gap is a peer the device no longer lists.',
    targets: [
      influxQl(
        `SELECT last("state") FROM "dmvpn_peer" WHERE $timeFilter AND ${DEVICE} AND ${INTERFACE} AND "peer_nbma" =~ /^$peer$/ GROUP BY time($__interval), "interface", "peer_tunnel", "peer_nbma" fill(null)`,
        'time_series',
        '$tag_interface → $tag_peer_tunnel ($tag_peer_nbma)',
      ),
    ],
    size: { w: 12, h: 8 },
    fieldConfig: fields({ mappings: stateMappings() }),
    options: { showValue: VisibilityMode.Auto, mergeValues: true },
  },
  {
    type: 'state-timeline',
    title: 'Tunnel interface',
    description: 'Administrative state and line protocol of the tunnel interfaces.',
    targets: [
      influxQl(
        `SELECT last("admin_up") AS "admin", last("oper_up") AS "line protocol" FROM "tunnel_if" WHERE $timeFilter AND ${DEVICE} AND ${INTERFACE} GROUP BY time($__interval), "interface" fill(null)`,
        'time_series',
        '$tag_interface $col',
      ),
    ],
    size: { w: 8, h: 6 },
    fieldConfig: fields({ mappings: upDownMappings('up', 'down') }),
    options: { showValue: VisibilityMode.Auto, mergeValues: true },
  },
  {
    type: 'timeseries',
    title: 'Tunnel traffic',
    description: 'Bits per second in and out of the tunnel interfaces.',
    targets: [
      influxQl(
        `SELECT non_negative_derivative(last("in_octets"), 1s) * 8 AS "in", non_negative_derivative(last("out_octets"), 1s) * 8 AS "out" FROM "tunnel_if" WHERE $timeFilter AND ${DEVICE} AND ${INTERFACE} GROUP BY time($__interval), "interface" fill(none)`,
        'time_series',
        '$tag_interface $col',
      ),
    ],
    size: { w: 8, h: 6 },
    fieldConfig: fields({ unit: 'bps', min: 0 }),
  },
  {
    type: 'timeseries',
    title: 'Tunnel errors',
    description: 'Input and output errors per second on the tunnel interfaces.',
    targets: [
      influxQl(
        `SELECT non_negative_derivative(last("in_errors"), 1s) AS "in errors", non_negative_derivative(last("out_errors"), 1s) AS "out errors" FROM "tunnel_if" WHERE $timeFilter AND ${DEVICE} AND ${INTERFACE} GROUP BY time($__interval), "interface" fill(none)`,
        'time_series',
        '$tag_interface $col',
      ),
    ],
    size: { w: 8, h: 6 },
    fieldConfig: fields({ unit: 'short', min: 0 }),
  },
  {
    type: 'table',
    title: 'Tunnel edges of $device',
    description: 'Every state change the device went through, newest first.',
    targets: [
      influxQl(
        `SELECT "interface", "peer", "from", "to", "source" FROM "tunnel_event" WHERE $timeFilter AND ${DEVICE} ORDER BY time DESC LIMIT 200`,
        'table',
      ),
    ],
    size: { w: 24, h: 7 },
    fieldConfig: fields(
      {},
      { to: { mappings: stateMappings(), 'custom.cellOptions': { type: 'color-text' } } },
    ),
    options: { showHeader: true, cellHeight: TableCellHeight.Sm },
  },
];

const nhrp: PanelSpec[] = [
  {
    type: 'state-timeline',
    title: 'NHS registration',
    description: 'For a spoke: whether each NHS answers its registrations (flags with R), poll by poll.',
    targets: [
      influxQl(
        `SELECT last("up") FROM "nhrp_nhs" WHERE $timeFilter AND ${DEVICE} AND ${INTERFACE} GROUP BY time($__interval), "interface", "nhs" fill(null)`,
        'time_series',
        '$tag_interface NHS $tag_nhs',
      ),
    ],
    size: { w: 8, h: 7 },
    fieldConfig: fields({ mappings: upDownMappings('registered', 'not registered') }),
    options: { showValue: VisibilityMode.Auto, mergeValues: true },
  },
  {
    type: 'table',
    title: 'NHRP cache',
    description: 'The NHRP mappings of the device at its last poll: target, NBMA, type, flags, expiry.',
    targets: [
      influxQl(
        `SELECT last("type") AS "type", last("flags") AS "flags", last("expires_s") AS "expires in" FROM "nhrp_cache" WHERE $timeFilter AND ${DEVICE} AND ${INTERFACE} GROUP BY "interface", "target", "nbma"`,
        'table',
      ),
    ],
    size: { w: 8, h: 7 },
    fieldConfig: fields({}, { 'expires in': { unit: 's' }, Time: { 'custom.hidden': true } }),
    options: { showHeader: true, cellHeight: TableCellHeight.Sm },
  },
  {
    type: 'timeseries',
    title: 'NHRP traffic',
    description: 'Registrations, resolutions and error indications per second.',
    targets: [
      influxQl(
        `SELECT non_negative_derivative(last("reg_req_sent"), 1s) AS "registration requests sent", non_negative_derivative(last("reg_reply_rcvd"), 1s) AS "registration replies received", non_negative_derivative(last("res_req_sent"), 1s) AS "resolution requests sent", non_negative_derivative(last("res_reply_rcvd"), 1s) AS "resolution replies received", non_negative_derivative(last("err_ind_rcvd"), 1s) AS "error indications received" FROM "nhrp_traffic" WHERE $timeFilter AND ${DEVICE} AND ${INTERFACE} GROUP BY time($__interval), "interface" fill(none)`,
        'time_series',
        '$tag_interface $col',
      ),
    ],
    size: { w: 8, h: 7 },
    fieldConfig: fields({ unit: 'short', min: 0 }),
  },
];

const crypto: PanelSpec[] = [
  {
    type: 'timeseries',
    title: 'Encaps vs decaps with the chosen peers',
    description:
      'Packets per second encrypted to and decrypted from each chosen peer: encaps without decaps is one-way.',
    targets: [
      influxQl(
        `SELECT non_negative_derivative(last("pkts_encaps"), 1s) AS "encaps", non_negative_derivative(last("pkts_decaps"), 1s) AS "decaps" FROM "ipsec_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY time($__interval), "local", "remote" fill(none)`,
        'time_series',
        '$tag_remote $col',
      ),
    ],
    size: { w: 12, h: 8 },
    fieldConfig: fields({ unit: 'pps', min: 0 }),
  },
  {
    type: 'table',
    title: 'IKE SAs with the chosen peers',
    description: 'IKE version, state and lifetime left of each SA at the last poll.',
    targets: [
      influxQl(
        `SELECT last("state") AS "state", last("up") AS "up", last("lifetime_s") AS "lifetime left" FROM "ike_sa" WHERE $timeFilter AND ${DEVICE} AND "remote" =~ /^$peer$/ GROUP BY "version", "local", "remote"`,
        'table',
      ),
    ],
    size: { w: 12, h: 8 },
    fieldConfig: fields(
      {},
      {
        state: { mappings: stateMappings(), 'custom.cellOptions': { type: 'color-text' } },
        up: { mappings: upDownMappings('up', 'down') },
        'lifetime left': { unit: 's' },
        Time: { 'custom.hidden': true },
      },
    ),
    options: { showHeader: true, cellHeight: TableCellHeight.Sm },
  },
  {
    type: 'state-timeline',
    title: 'Crypto sessions with the chosen peers',
    description: 'The crypto session status of each chosen peer (UP-ACTIVE, UP-IDLE, DOWN...), poll by poll.',
    targets: [
      influxQl(
        `SELECT last("status") FROM "crypto_session" WHERE $timeFilter AND ${DEVICE} AND "peer" =~ /^$peer$/ GROUP BY time($__interval), "interface", "peer" fill(null)`,
        'time_series',
        '$tag_interface → $tag_peer',
      ),
    ],
    size: { w: 24, h: 6 },
    fieldConfig: fields({ mappings: stateMappings() }),
    options: { showValue: VisibilityMode.Auto, mergeValues: true },
  },
];

const polling: PanelSpec[] = [
  {
    type: 'state-timeline',
    title: 'Polls of $device',
    description: 'Whether each SSH and SNMP poll of the device worked.',
    targets: [
      influxQl(
        `SELECT last("ok") FROM "collector_poll" WHERE $timeFilter AND ${DEVICE} GROUP BY time($__interval), "collector" fill(null)`,
        'time_series',
        '$tag_collector',
      ),
    ],
    size: { w: 12, h: 5 },
    fieldConfig: fields({ mappings: upDownMappings('ok', 'failed') }),
    options: { showValue: VisibilityMode.Never, mergeValues: true },
  },
  {
    type: 'timeseries',
    title: 'Poll duration of $device',
    description: 'How long each poll of the device takes, per collector.',
    targets: [
      influxQl(
        `SELECT mean("duration_ms") FROM "collector_poll" WHERE $timeFilter AND ${DEVICE} GROUP BY time($__interval), "collector" fill(null)`,
        'time_series',
        '$tag_collector',
      ),
    ],
    size: { w: 12, h: 5 },
    fieldConfig: fields({ unit: 'ms', min: 0, custom: { spanNulls: true } }),
  },
];

export const deviceDrillDown: Dashboard = dashboard({
  uid: 'dmvpn-device',
  title: 'DMVPN — device drill-down',
  description:
    'One hub or spoke: its peers and their states, tunnel interface, NHS registration, NHRP cache and traffic, crypto with chosen peers, polls.',
  tags: ['device'],
  variables: [
    tagValuesVariable({
      name: 'hub',
      label: 'Hub',
      query: `SHOW TAG VALUES FROM "dmvpn_summary" WITH KEY = "device" WHERE "role" = 'hub'`,
      multi: false,
      includeAll: false,
    }),
    // The hub's own NBMA addresses, which its spokes list as a peer: how a spoke is found from its hub.
    tagValuesVariable({
      name: 'hub_nbma',
      label: 'Hub NBMA',
      query: `SHOW TAG VALUES FROM "ike_sa" WITH KEY = "local" WHERE "device" =~ /^$hub$/`,
      multi: true,
      includeAll: true,
      hidden: true,
    }),
    tagValuesVariable({
      name: 'device',
      label: 'Device',
      query: `SHOW TAG VALUES FROM "dmvpn_peer" WITH KEY = "device" WHERE "device" =~ /^$hub$/ OR "peer_nbma" =~ /^$hub_nbma$/`,
      multi: false,
      includeAll: false,
    }),
    tagValuesVariable({
      name: 'interface',
      label: 'Tunnel',
      query: `SHOW TAG VALUES FROM "dmvpn_peer" WITH KEY = "interface" WHERE "device" =~ /^$device$/`,
      multi: true,
      includeAll: true,
    }),
    tagValuesVariable({
      name: 'peer',
      label: 'Peer (NBMA)',
      query: `SHOW TAG VALUES FROM "dmvpn_peer" WITH KEY = "peer_nbma" WHERE "device" =~ /^$device$/ AND "interface" =~ /^$interface$/`,
      multi: true,
      includeAll: true,
    }),
  ],
  sections: [
    { title: 'Tunnel', panels: tunnel },
    { title: 'NHRP', panels: nhrp },
    { title: 'Crypto with the chosen peers', panels: crypto },
    { title: 'Polling', panels: polling },
  ],
});
