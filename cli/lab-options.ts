// Reads and checks the options that describe a simulated network, with errors that name the option.

import { z } from 'zod';
import type { LabOptions } from '../lab/model/network.js';

const integer = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `--${name} must be a number` })
    .int(`--${name} must be a whole number`)
    .min(min, `--${name} must be at least ${min}`)
    .max(max, `--${name} must be at most ${max}`);

const labOptionsSchema = z.object({
  spokes: integer('spokes', 1, 5000),
  hubs: integer('hubs', 1, 2),
  phase: integer('phase', 1, 3),
  ike: z.enum(['v1', 'v2'], { error: '--ike must be v1 or v2' }),
  routing: z.enum(['eigrp', 'ospf', 'bgp'], { error: '--routing must be eigrp, ospf or bgp' }),
  natSpokes: integer('nat-spokes', 0, 5000),
  seed: integer('seed', 0, 2 ** 31),
});

export interface LabCliOptions {
  spokes: string;
  hubs: string;
  phase: string;
  ike: string;
  routing: string;
  natSpokes: string;
  seed: string;
}

export const LAB_OPTION_DEFAULTS: LabCliOptions = {
  spokes: '20',
  hubs: '1',
  phase: '3',
  ike: 'v1',
  routing: 'eigrp',
  natSpokes: '0',
  seed: '1',
};

export class LabOptionError extends Error {}

export function parseLabOptions(raw: LabCliOptions): LabOptions {
  const result = labOptionsSchema.safeParse(raw);
  if (!result.success) throw new LabOptionError(result.error.issues.map((issue) => issue.message).join('; '));
  const options = result.data as LabOptions;
  if (options.natSpokes > options.spokes) throw new LabOptionError('--nat-spokes cannot exceed --spokes');
  if (options.phase === 1 && options.hubs === 2) {
    throw new LabOptionError('--phase 1 spokes run point-to-point GRE to one hub: use --hubs 1');
  }
  return options;
}
