// The `alerting` section of the serve configuration: rules over findings and tunnel flaps, the receivers they notify
// (generic webhook, Slack incoming webhook, Prometheus Alertmanager), silences for maintenance windows, and how a
// receiver that is down is retried.

import { z } from 'zod';
import { severitySchema } from '../schemas.js';

const secretRef = z.union([
  z.strictObject({ env: z.string().min(1) }),
  z.strictObject({ file: z.string().min(1) }),
]);

const regex = z.string().refine((text) => {
  try {
    new RegExp(text);
    return true;
  } catch {
    return false;
  }
}, 'must be a valid regular expression');

const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a zone' });

const ruleSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'must be letters, digits, . _ : -'),
  /** Findings of this severity or worse (default: every severity). */
  minSeverity: severitySchema.optional(),
  /** Findings of these fault ids (the engine's `rule`), e.g. nhrp-auth-mismatch. */
  faults: z.array(z.string().min(1)).optional(),
  /** Devices whose name matches this regular expression. */
  devices: regex.optional(),
  /** Devices of this group (see deviceGroups). */
  group: z.string().min(1).optional(),
  /** Instead of findings: a tunnel that went down at least `count` times within `windowSeconds`. */
  flaps: z
    .strictObject({
      count: z.number().int().min(1),
      windowSeconds: z.number().positive(),
      severity: severitySchema.default('major'),
    })
    .optional(),
  /** How long the condition must hold before the alert fires. */
  forSeconds: z.number().min(0).default(0),
  /** How long the condition must be gone before the alert resolves. */
  resolveAfterSeconds: z.number().min(0).default(0),
  /** Receivers to notify (default: every receiver). */
  receivers: z.array(z.string().min(1)).optional(),
});

const receiverSchema = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(['webhook', 'slack', 'alertmanager']),
  /** The URL (webhook, Slack incoming webhook) or the Alertmanager base URL; a secret reference keeps it out of the file. */
  url: z.union([z.url(), secretRef]),
  /** Seconds between repeats of a firing alert; 0 never repeats. Default: 60 for Alertmanager, 0 otherwise. */
  repeatSeconds: z.number().min(0).optional(),
  timeoutSeconds: z.number().positive().default(10),
});

const silenceSchema = z.strictObject({
  /** Label name (alertname, fault, severity, device, interface, peer, group) to a regular expression matching the whole value. */
  matchers: z.record(z.string(), regex),
  startsAt: isoTime,
  endsAt: isoTime,
  comment: z.string().optional(),
});

export const alertingConfigSchema = z
  .strictObject({
    /** Seconds between two evaluations of the rules. */
    evaluateSeconds: z.number().positive().default(15),
    /** Group name to a regular expression of device names. */
    deviceGroups: z.record(z.string(), regex).default({}),
    rules: z.array(ruleSchema).default([]),
    receivers: z.array(receiverSchema).default([]),
    silences: z.array(silenceSchema).default([]),
    retry: z
      .strictObject({
        initialSeconds: z.number().positive().default(5),
        maxSeconds: z.number().positive().default(300),
        /** A notification still undelivered after this long is dropped (and logged). */
        giveUpHours: z.number().positive().default(24),
      })
      .default({ initialSeconds: 5, maxSeconds: 300, giveUpHours: 24 }),
  })
  .superRefine((config, context) => {
    const receivers = new Set(config.receivers.map((receiver) => receiver.name));
    config.rules.forEach((rule, index) => {
      rule.receivers?.forEach((name, at) => {
        if (!receivers.has(name))
          context.addIssue({
            code: 'custom',
            path: ['rules', index, 'receivers', at],
            message: `no receiver named "${name}"`,
          });
      });
      if (rule.group !== undefined && !(rule.group in config.deviceGroups))
        context.addIssue({
          code: 'custom',
          path: ['rules', index, 'group'],
          message: `no group named "${rule.group}" in deviceGroups`,
        });
    });
  })
  .default({
    evaluateSeconds: 15,
    deviceGroups: {},
    rules: [],
    receivers: [],
    silences: [],
    retry: { initialSeconds: 5, maxSeconds: 300, giveUpHours: 24 },
  });

export type AlertingConfig = z.output<typeof alertingConfigSchema>;
export type AlertRule = AlertingConfig['rules'][number];
export type ReceiverConfig = AlertingConfig['receivers'][number];
export type SilenceConfig = AlertingConfig['silences'][number];
