// The one settings object a running lab starts from: the network, its clock, its wire services and the control API,
// checked with errors that name the setting.

import { z } from 'zod';

const port = () =>
  z
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (a free port) to 65535')
    .max(65535, 'must be 0 (a free port) to 65535');

const receiverPort = () => port().min(1, 'must be 1 to 65535');

const host = z.string().min(1, 'a receiver needs a host');

const networkSchema = z
  .object({
    spokes: z.number().int().min(1).max(5000),
    hubs: z.union([z.literal(1), z.literal(2)]),
    phase: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    ike: z.enum(['v1', 'v2']),
    routing: z.enum(['eigrp', 'ospf', 'bgp']),
    natSpokes: z.number().int().min(0).max(5000),
    seed: z.number().int().min(0),
  })
  .partial()
  .strict();

const labRunSettingsSchema = z
  .object({
    network: networkSchema.default({}),
    /** `ID` or `ID@DEVICE`, injected at lab second 0. */
    faults: z.array(z.string().min(1)).default([]),
    /** Lab seconds per wall second. */
    speed: z.number().positive('must be more than 0').max(86_400).default(1),
    tickSeconds: z.number().positive().max(60).optional(),
    /** Lab seconds already run at start: the faults given at start have had time to show, as on a network watched late. */
    historySeconds: z.number().min(0).max(86_400).default(0),
    /** Where host keys and the running lab's control file live. */
    dataDir: z.string().min(1).default('./data/lab'),
    host: z.string().min(1).default('127.0.0.1'),
    credentials: z
      .object({ username: z.string().min(1), password: z.string().min(1), enableSecret: z.string().min(1) })
      .default({ username: 'netops', password: 'lab', enableSecret: 'lab' }),
    ssh: z
      .object({
        /** Router i on basePort + i (0: a free port each); null: only the shared port. */
        basePort: port().nullable().default(0),
        /** Every router by username on one port (0: a free port); null: none. */
        sharedPort: port().nullable().default(0),
        legacyRouters: z.array(z.string()).default([]),
        idleTimeoutSeconds: z.number().int().positive().default(600),
        maxSessionsPerRouter: z.number().int().positive().default(5),
        outputDelay: z
          .object({ baseMs: z.number().min(0), perKilobyteMs: z.number().min(0) })
          .default({ baseMs: 0, perKilobyteMs: 0 }),
        writeAccess: z.boolean().default(false),
      })
      .strict()
      .default({
        basePort: 0,
        sharedPort: 0,
        legacyRouters: [],
        idleTimeoutSeconds: 600,
        maxSessionsPerRouter: 5,
        outputDelay: { baseMs: 0, perKilobyteMs: 0 },
        writeAccess: false,
      }),
    snmp: z
      .object({
        sharedPort: port().default(0),
        /** Router i also on basePort + i with the plain community (0: a free port each); null: none. */
        basePort: port().nullable().default(null),
        community: z.string().min(1).default('public'),
        v3: z
          .object({
            user: z.string().min(1),
            authKey: z.string().min(8, 'must be at least 8 characters'),
            privKey: z.string().min(8, 'must be at least 8 characters'),
          })
          .default({ user: 'dmvpnwatch', authKey: 'dmvpnwatch-auth', privKey: 'dmvpnwatch-priv' }),
      })
      .strict()
      .default({
        sharedPort: 0,
        basePort: null,
        community: 'public',
        v3: { user: 'dmvpnwatch', authKey: 'dmvpnwatch-auth', privKey: 'dmvpnwatch-priv' },
      }),
    syslog: z.array(z.object({ host, port: receiverPort(), transport: z.enum(['udp', 'tcp']) })).default([]),
    traps: z.array(z.object({ host, port: receiverPort(), version: z.enum(['2c', '3']) })).default([]),
    control: z
      .object({
        port: port().default(0),
        /** The bearer token the control API requires; generated when missing. */
        token: z.string().min(16, 'must be at least 16 characters').optional(),
      })
      .strict()
      .default({ port: 0 }),
  })
  .strict();

/** What a caller may give: every setting has a default. */
export type LabRunInput = z.input<typeof labRunSettingsSchema>;
export type LabRunSettings = z.output<typeof labRunSettingsSchema>;

export class LabSettingsError extends Error {}

export function parseLabRunSettings(input: LabRunInput): LabRunSettings {
  const result = labRunSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new LabSettingsError(messages.join('; '));
}
