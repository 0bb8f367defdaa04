// The zod schemas of the API's requests and responses: they validate every call and generate the OpenAPI document.

import { z } from 'zod';

export const severitySchema = z.enum(['critical', 'major', 'minor', 'info']);
export const layerSchema = z.enum(['underlay', 'tunnel', 'nhrp', 'ike', 'ipsec', 'routing', 'mtu']);
export const roleSchema = z.enum(['hub', 'spoke']);

export const errorSchema = z.object({
  error: z.string().describe('What is wrong and, when it helps, what to send instead'),
  field: z.string().optional().describe('The request field at fault, e.g. `query.limit`'),
});

// ---- request pieces

export const deviceName = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[A-Za-z0-9._:@-]+$/, 'must be a device name (letters, digits, . _ : @ -)');

/** A time in a query: milliseconds since the epoch, or an ISO 8601 date-time. */
export const timeParam = z
  .string()
  .regex(
    /^(\d{1,15}|\d{4}-\d\d-\d\d(T[\d:.]+(Z|[+-]\d\d:?\d\d)?)?)$/,
    'must be milliseconds since the epoch or an ISO 8601 date-time',
  )
  .transform((text) => (/^\d+$/.test(text) ? Number(text) : Date.parse(text)))
  .refine((ms) => Number.isFinite(ms), 'must be a valid date-time');

export const booleanParam = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((text) => text === 'true');

export const limitParam = (max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .default(fallback);

export const deviceParams = z.strictObject({ name: deviceName });

// ---- model

export const evidenceSchema = z.object({
  device: z.string(),
  command: z.string(),
  line: z.number().int(),
  text: z.string(),
});

export const findingSchema = z.object({
  rule: z.string(),
  severity: severitySchema,
  layer: layerSchema,
  device: z.string(),
  interface: z.string().optional(),
  peer: z.string().optional(),
  title: z.string(),
  explanation: z.string(),
  evidence: z.array(evidenceSchema),
  remediation: z.string(),
  since: z.number().describe('Milliseconds since the epoch when the fault was first seen'),
});

export const storedFindingSchema = findingSchema.extend({
  lastSeen: z.number().describe('Milliseconds since the epoch of the last diagnosis that reported it'),
  clearedAt: z.number().nullable().describe('When a diagnosis stopped reporting it; null while active'),
});

export const tunnelEventSchema = z.object({
  device: z.string(),
  interface: z.string(),
  peer: z.string(),
  from: z.string(),
  to: z.string(),
  at: z.number().describe('Milliseconds since the epoch'),
  source: z.enum(['poll', 'syslog', 'trap']),
});

export const collectionErrorSchema = z.object({ command: z.string().optional(), message: z.string() });

export const deviceSummarySchema = z.object({
  name: z.string(),
  role: roleSchema,
  address: z.string().nullable().describe('Management address the collectors reach it at'),
  collectedAt: z
    .number()
    .nullable()
    .describe('Collection time of the latest snapshot; null before the first'),
  errors: z.array(collectionErrorSchema).describe('Errors of the latest poll'),
  activeFindings: z.number().int(),
});

const parseWarningSchema = z.object({ line: z.number(), text: z.string(), reason: z.string() });

export const snapshotSchema = z.object({
  device: z.string(),
  role: roleSchema,
  collectedAt: z.number(),
  errors: z.array(collectionErrorSchema),
  outputs: z.array(
    z.object({
      command: z.string(),
      collectedAt: z.number(),
      durationMs: z.number(),
      records: z.array(z.unknown()).describe('Typed records (each names its `kind` and `line`)'),
      warnings: z.array(parseWarningSchema),
      error: z
        .object({ kind: z.string(), line: z.number(), text: z.string(), message: z.string() })
        .optional(),
      raw: z.string().optional().describe('The router output as printed (with `?raw=true`)'),
    }),
  ),
});

const nodeSchema = z.object({
  id: z.string().describe('The device name, or `nbma:ADDRESS` for a peer no known device owns'),
  device: z.string().nullable(),
  role: z.enum(['hub', 'spoke', 'unknown']),
  nbma: z.array(z.string()),
  tunnel: z.array(z.string()),
  collectedAt: z.number().nullable(),
});

const edgeEndSchema = z.object({
  device: z.string(),
  interface: z.string().nullable(),
  peerNbma: z.string(),
  peerTunnel: z.string(),
  state: z.string(),
  upDownSeconds: z.number().nullable(),
});

export const topologySchema = z.object({
  generatedAt: z.number(),
  nodes: z.array(nodeSchema),
  edges: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['static', 'dynamic']).describe('static: spoke to hub; dynamic: spoke to spoke'),
      source: z.string(),
      target: z.string(),
      state: z.string().describe('UP when every end says UP, else the state of the end furthest from up'),
      up: z.boolean(),
      ends: z.array(edgeEndSchema).describe('The tunnel as each end lists it in show dmvpn'),
    }),
  ),
});

export const sampleSchema = z.object({
  measurement: z.string(),
  tags: z.record(z.string(), z.string()),
  fields: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  time: z.number(),
});

const diagnosedFindingSchema = findingSchema.extend({
  confidence: z.enum(['confirmed', 'probable', 'possible']),
  affected: z.array(z.string()),
  toConfirm: z.array(z.string()),
  notChecked: z.array(z.string()),
  symptoms: z.array(findingSchema),
});

export const reportSchema = z.object({
  generatedAt: z.number(),
  devices: z.array(z.object({ name: z.string(), role: z.string(), commands: z.array(z.string()) })),
  findings: z.array(diagnosedFindingSchema).describe('Ranked: the first is the most likely root cause'),
  tunnels: z.array(
    z.object({ device: z.string(), interface: z.string().nullable(), peer: z.string(), state: z.string() }),
  ),
  missingCommands: z.array(z.string()),
});

export const runSchema = z.object({
  id: z.string(),
  kind: z.enum(['live', 'offline']).describe('live: polled devices; offline: pasted text'),
  status: z.enum(['running', 'done', 'failed']),
  step: z.string().describe('What the run is doing, or did last'),
  devices: z.array(z.string()),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  error: z.string().nullable(),
  report: reportSchema.nullable(),
});

export const diagnoseBody = z
  .strictObject({
    devices: z.array(deviceName).min(1, 'must name at least one device').max(1000).optional(),
    all: z.literal(true, { error: 'must be true' }).optional().describe('Every device of the inventory'),
    text: z
      .string({ error: 'must be the pasted router output' })
      .min(1, 'must not be empty')
      .max(5_000_000, 'must be at most 5,000,000 characters')
      .optional()
      .describe('A terminal log (`hub1#show dmvpn` prompts) or one output, diagnosed offline'),
    device: deviceName
      .optional()
      .describe('With `text`: the device name of output that has no prompt (default `pasted`)'),
    minSeverity: severitySchema.optional(),
  })
  .superRefine((body, context) => {
    const given = (['devices', 'all', 'text'] as const).filter((key) => body[key] !== undefined);
    if (given.length !== 1)
      context.addIssue({
        code: 'custom',
        path: given.length === 0 ? ['devices'] : [given[1]!],
        message:
          given.length === 0
            ? 'send one of devices (names), all (true) or text (pasted output)'
            : `send only one of devices, all and text (got ${given.join(', ')})`,
      });
    if (body.device !== undefined && body.text === undefined)
      context.addIssue({ code: 'custom', path: ['device'], message: 'only goes with text' });
  });

export type DiagnoseBody = z.output<typeof diagnoseBody>;
