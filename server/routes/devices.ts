// Devices, and each one's latest snapshot: parsed tables per command, collection time, errors.

import { z } from 'zod';
import type { DeviceSnapshot } from '../../model/snapshot.js';
import type { ApiContext } from '../context.js';
import { HttpError } from '../http-error.js';
import { defineRoute, ok, type ApiRoute } from '../route.js';
import {
  booleanParam,
  deviceParams,
  deviceSummarySchema,
  errorSchema,
  roleSchema,
  snapshotSchema,
} from '../schemas.js';

function snapshotView(snapshot: DeviceSnapshot, raw: boolean, command?: string) {
  return {
    device: snapshot.device,
    role: snapshot.role,
    collectedAt: snapshot.collectedAt,
    errors: snapshot.errors,
    outputs: snapshot.outputs
      .filter((output) => command === undefined || output.command === command)
      .map((output) => ({
        command: output.command,
        collectedAt: output.collectedAt,
        durationMs: output.durationMs,
        records: output.parsed.records,
        warnings: output.parsed.warnings,
        ...(output.parsed.error ? { error: output.parsed.error } : {}),
        ...(raw ? { raw: output.raw } : {}),
      })),
  };
}

const notFound = { status: 404, description: 'No such device', schema: errorSchema };

export function deviceRoutes(context: ApiContext): ApiRoute[] {
  const summary = (name: string) => {
    const device = context.state.device(name)!;
    const latest = context.latest.get(name);
    return {
      name: device.name,
      role: device.role,
      address: device.address,
      collectedAt: latest?.collectedAt ?? null,
      errors: latest?.errors ?? [],
      activeFindings: context.state.findings({ device: name, active: true }).length,
    };
  };
  const known = (name: string) => {
    if (!context.state.device(name)) throw new HttpError(404, `no device named "${name}"`, 'path.name');
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/devices',
      tag: 'devices',
      summary: 'List the devices with their latest collection time, errors and active findings',
      role: 'viewer',
      query: z.strictObject({ role: roleSchema.optional() }),
      responses: [{ status: 200, description: 'The devices', schema: z.array(deviceSummarySchema) }],
      handle: ({ query }) => {
        const active = new Map<string, number>();
        for (const finding of context.state.findings({ active: true }))
          active.set(finding.device, (active.get(finding.device) ?? 0) + 1);
        return ok(
          context.state
            .devices()
            .filter((device) => !query.role || device.role === query.role)
            .map((device) => ({
              name: device.name,
              role: device.role,
              address: device.address,
              collectedAt: context.latest.get(device.name)?.collectedAt ?? null,
              errors: context.latest.get(device.name)?.errors ?? [],
              activeFindings: active.get(device.name) ?? 0,
            })),
        );
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/devices/:name',
      tag: 'devices',
      summary: 'One device with its latest collection time, errors and active findings',
      role: 'viewer',
      params: deviceParams,
      responses: [{ status: 200, description: 'The device', schema: deviceSummarySchema }, notFound],
      handle: ({ params }) => {
        known(params.name);
        return ok(summary(params.name));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/devices/:name/snapshot',
      tag: 'devices',
      summary: "The device's latest snapshot: the parsed records of each command, collection time, errors",
      role: 'viewer',
      params: deviceParams,
      query: z.strictObject({
        raw: booleanParam.optional().describe('Include the router output as printed'),
        command: z.string().min(1).optional().describe('Only this command, e.g. `show dmvpn`'),
      }),
      responses: [
        { status: 200, description: 'The snapshot', schema: snapshotSchema },
        { status: 404, description: 'No such device, or not polled yet', schema: errorSchema },
      ],
      handle: ({ params, query }) => {
        known(params.name);
        const snapshot = context.state.latestSnapshot(params.name);
        if (!snapshot) throw new HttpError(404, `${params.name} has not been polled yet`, 'path.name');
        return ok(snapshotView(snapshot, query.raw ?? false, query.command));
      },
    }),
  ];
}
