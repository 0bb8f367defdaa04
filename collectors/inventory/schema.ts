// The inventory file's shape: defaults, groups and devices in the spirit of Ansible and Nornir inventories. A device
// takes its settings from the defaults, then its groups in order, then its own entry.

import { z } from 'zod';

/** `30s`, `5m`, `1h` or a number of seconds. */
export const durationSchema = z.union(
  [
    z.number().positive(),
    z
      .string()
      .regex(/^\d+(\.\d+)?\s*(s|m|h)$/)
      .transform((text) => {
        const value = Number.parseFloat(text);
        const unit = text.trim().at(-1);
        return unit === 'h' ? value * 3600 : unit === 'm' ? value * 60 : value;
      }),
  ],
  { error: 'expected a duration such as 30s, 5m or 1h, or a number of seconds' },
);

/** A secret: from an environment variable, a file, or (allowed, never required) inline. */
export const secretSchema = z.union(
  [
    z.string().min(1),
    z.strictObject({ env: z.string().min(1) }),
    z.strictObject({ file: z.string().min(1) }),
  ],
  { error: 'expected { env: VARIABLE }, { file: PATH } or the value itself' },
);
export type SecretSource = z.infer<typeof secretSchema>;

export const credentialsSchema = z.strictObject({
  username: z.string().min(1),
  password: secretSchema,
  enable: secretSchema.optional(),
});

const snmpV2cSchema = z.strictObject({
  version: z.literal('2c'),
  port: z.number().int().min(1).max(65535).optional(),
  community: secretSchema,
});

const snmpV3Schema = z.strictObject({
  version: z.literal('3'),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1),
  authProtocol: z.enum(['sha', 'md5', 'sha256']).default('sha'),
  authKey: secretSchema,
  privProtocol: z.enum(['aes', 'des']).default('aes'),
  privKey: secretSchema,
  context: z.string().optional(),
});

export const snmpSchema = z.discriminatedUnion('version', [snmpV2cSchema, snmpV3Schema]);

/** What defaults, a group and a device may all set. */
const settingsShape = {
  platform: z.enum(['ios', 'iosxe']).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  credentials: z.string().min(1).optional(),
  snmp: snmpSchema.optional(),
  pollInterval: durationSchema.optional(),
  commandTimeout: durationSchema.optional(),
  /** Old IOS: offer diffie-hellman-group14-sha1 and ssh-rsa (never unless asked). */
  legacySsh: z.boolean().optional(),
  /** Extra read-only commands polled beside the standard set. */
  commands: z.array(z.string().min(1)).optional(),
};

export const settingsSchema = z.strictObject(settingsShape);
export type InventorySettings = z.infer<typeof settingsSchema>;

export const deviceSchema = z.strictObject({
  ...settingsShape,
  host: z.string().min(1),
  role: z.enum(['hub', 'spoke']),
  groups: z.array(z.string().min(1)).optional(),
});

export const inventorySchema = z.strictObject({
  defaults: settingsSchema.optional(),
  credentials: z.record(z.string(), credentialsSchema).optional(),
  groups: z.record(z.string(), settingsSchema).optional(),
  devices: z.record(
    z.string().regex(/^[A-Za-z0-9._-]+$/, 'a device name of letters, digits, . _ -'),
    deviceSchema,
  ),
});
export type InventoryFile = z.infer<typeof inventorySchema>;
