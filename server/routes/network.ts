// What the network looks like and what happened to it: topology, findings, tunnel events, time series.

import { z } from 'zod';
import type { ApiContext } from '../context.js';
import { HttpError } from '../http-error.js';
import { defineRoute, ok, type ApiRoute } from '../route.js';
import {
  booleanParam,
  deviceName,
  errorSchema,
  layerSchema,
  limitParam,
  sampleSchema,
  severitySchema,
  storedFindingSchema,
  timeParam,
  topologySchema,
  tunnelEventSchema,
} from '../schemas.js';
import { buildTopology } from '../topology.js';

/** The measurements of DESIGN.md's schema, and the tag that names a peer in each (when it has one). */
const PEER_TAG: Record<string, string | null> = {
  dmvpn_peer: 'peer_nbma',
  dmvpn_summary: null,
  nhrp_nhs: 'nhs',
  nhrp_cache: 'nbma',
  nhrp_traffic: null,
  ike_sa: 'remote',
  ipsec_sa: 'remote',
  crypto_session: 'peer',
  tunnel_if: null,
  tunnel_event: 'peer',
  finding: 'peer',
  collector_poll: null,
};

const WITHOUT_INTERFACE = new Set(['ike_sa', 'collector_poll']);

const MAX_SAMPLES = 10_000;

const badRequest = { status: 400, description: 'A parameter is invalid', schema: errorSchema };

export function networkRoutes(context: ApiContext): ApiRoute[] {
  // Rebuilding the topology of 5,000 spokes takes tens of ms: it is kept until a poll changes the view.
  let topology: { version: number; devices: number; built: ReturnType<typeof buildTopology> } | null = null;
  const currentTopology = (): ReturnType<typeof buildTopology> => {
    const devices = context.state.devices();
    if (topology?.version !== context.latest.version || topology.devices !== devices.length) {
      topology = {
        version: context.latest.version,
        devices: devices.length,
        built: buildTopology(devices, context.latest.all(), context.clock()),
      };
    }
    return topology.built;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/topology',
      tag: 'network',
      summary: 'Hubs and spokes, and every tunnel between them with its state, from the latest snapshots',
      description:
        'Nodes are the devices (and `nbma:ADDRESS` nodes for peers no known device owns). Edges are static ' +
        "spoke-to-hub tunnels and dynamic spoke-to-spoke tunnels, joined across both ends' `show dmvpn` by " +
        'NBMA address (then tunnel address) against the addresses each device reports as its own.',
      role: 'viewer',
      responses: [{ status: 200, description: 'The topology', schema: topologySchema }],
      handle: () => ok(currentTopology()),
    }),
    defineRoute({
      method: 'get',
      path: '/api/findings',
      tag: 'network',
      summary: 'Findings recorded by diagnoses: active ones, cleared ones (history), or both',
      role: 'viewer',
      query: z.strictObject({
        device: deviceName.optional(),
        active: booleanParam.optional().describe('true: active only; false: cleared only; absent: both'),
        severity: severitySchema.optional(),
        layer: layerSchema.optional(),
        rule: z.string().min(1).optional(),
        since: timeParam.optional().describe('Only findings seen at or after this time'),
        limit: limitParam(10_000, 1_000).describe('The most recently seen ones'),
      }),
      responses: [
        { status: 200, description: 'The findings', schema: z.array(storedFindingSchema) },
        badRequest,
      ],
      handle: ({ query }) => {
        const found = context.state
          .findings({
            device: query.device,
            active: query.active,
            severity: query.severity,
            layer: query.layer,
          })
          .filter((finding) => query.rule === undefined || finding.rule === query.rule)
          .filter((finding) => query.since === undefined || finding.lastSeen >= query.since)
          .sort((a, b) => b.lastSeen - a.lastSeen);
        return ok(found.slice(0, query.limit));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/tunnel-events',
      tag: 'network',
      summary: 'Tunnel state edges (polls, syslog, traps), oldest first',
      role: 'viewer',
      query: z.strictObject({
        device: deviceName.optional(),
        interface: z.string().min(1).optional(),
        peer: z.string().min(1).optional(),
        from: timeParam.optional(),
        to: timeParam.optional(),
        limit: limitParam(10_000, 1_000).describe('The most recent ones (still oldest first)'),
      }),
      responses: [{ status: 200, description: 'The events', schema: z.array(tunnelEventSchema) }, badRequest],
      handle: ({ query }) => {
        if (query.from !== undefined && query.to !== undefined && query.from > query.to)
          throw new HttpError(400, 'query.from: must not be after to', 'query.from');
        return ok(context.state.tunnelEvents(query));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/series',
      tag: 'network',
      summary: "A device's or a tunnel's time series: points in a window, or the latest point",
      description:
        'Without `from`, the latest point of every matching series; with it, every point up to `to` (default ' +
        'now). `peer` matches the tag that names the peer in the measurement (dmvpn_peer: peer_nbma; ike_sa, ' +
        'ipsec_sa: remote; nhrp_nhs: nhs; ...). Answers 501 when the store cannot be queried here (InfluxDB 2.x).',
      role: 'viewer',
      query: z.strictObject({
        measurement: z.enum(Object.keys(PEER_TAG) as [string, ...string[]]),
        device: deviceName,
        interface: z.string().min(1).optional(),
        peer: z.string().min(1).optional(),
        fields: z
          .string()
          .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, 'must be field names separated by commas')
          .optional(),
        from: timeParam.optional(),
        to: timeParam.optional(),
      }),
      responses: [
        {
          status: 200,
          description: 'The points, oldest first',
          schema: z.object({ samples: z.array(sampleSchema), truncated: z.boolean() }),
        },
        badRequest,
        { status: 501, description: 'The store has no query interface here', schema: errorSchema },
      ],
      handle: async ({ query }) => {
        if (!context.reader)
          throw new HttpError(
            501,
            'time-series queries are not available with InfluxDB 2.x/3.x storage: query the bucket from ' +
              'Grafana or the InfluxDB UI (SQLite and InfluxDB 1.x stores answer here)',
          );
        const tags: Record<string, string> = { device: query.device };
        if (query.interface !== undefined) {
          if (WITHOUT_INTERFACE.has(query.measurement))
            throw new HttpError(
              400,
              `query.interface: ${query.measurement} has no interface tag`,
              'query.interface',
            );
          tags.interface = query.interface;
        }
        if (query.peer !== undefined) {
          const tag = PEER_TAG[query.measurement];
          if (!tag)
            throw new HttpError(400, `query.peer: ${query.measurement} has no peer tag`, 'query.peer');
          tags[tag] = query.peer;
        }
        if (query.from === undefined && query.to !== undefined)
          throw new HttpError(
            400,
            'query.to: goes with from (without from, the latest point is returned)',
            'query.to',
          );
        const filter = {
          measurement: query.measurement,
          tags,
          ...(query.fields ? { fields: query.fields.split(',') } : {}),
        };
        const to = query.to ?? context.clock();
        if (query.from !== undefined && query.from > to)
          throw new HttpError(400, 'query.from: must not be after to', 'query.from');
        const samples =
          query.from === undefined
            ? await context.reader.latest(filter)
            : await context.reader.range({ ...filter, from: query.from, to });
        return ok({ samples: samples.slice(-MAX_SAMPLES), truncated: samples.length > MAX_SAMPLES });
      },
    }),
  ];
}
