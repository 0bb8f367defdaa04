// What an API client can start: a diagnosis (of live devices, or of pasted output) and a poll of one device.

import { z } from 'zod';
import type { DeviceSnapshot } from '../../model/snapshot.js';
import type { ApiContext } from '../context.js';
import { requireRole } from '../auth.js';
import { HttpError } from '../http-error.js';
import { defineRoute, ok, type ApiRoute } from '../route.js';
import { collectionErrorSchema, deviceParams, diagnoseBody, errorSchema, runSchema } from '../schemas.js';

const refused = [
  { status: 400, description: 'The body is invalid', schema: errorSchema },
  { status: 403, description: 'The token may not do this', schema: errorSchema },
  { status: 404, description: 'No such device', schema: errorSchema },
  { status: 429, description: 'Too many polls and diagnoses for this token', schema: errorSchema },
  { status: 503, description: 'No collectors in this server', schema: errorSchema },
];

export function actionRoutes(context: ApiContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/diagnose',
      tag: 'diagnosis',
      summary: 'Diagnose devices now (poll them, then diagnose), or diagnose pasted output offline',
      description:
        '`{ "devices": [...] }` or `{ "all": true }` (operator): polls the devices now, diagnoses their latest ' +
        'snapshots with the hubs as context and the last hour of tunnel events, records the findings; answers 202 ' +
        'with the run, whose progress is at GET /api/diagnose/{id} and on /api/events. `{ "text": "..." }` ' +
        '(viewer): a terminal log or one output, diagnosed at once without touching any router; answers 200 with ' +
        'the finished run.',
      role: 'viewer',
      body: diagnoseBody,
      responses: [
        { status: 200, description: 'The finished offline run', schema: runSchema },
        { status: 202, description: 'The live run, started', schema: runSchema },
        ...refused,
      ],
      handle: ({ body, caller }) => {
        if (body.text === undefined)
          requireRole(caller!, 'operator', 'live diagnosis (it logs into routers)');
        context.limiter.take(caller!.name, 'diagnose');
        if (body.text !== undefined)
          return ok(context.runs.offline(body.text, body.device ?? 'pasted', body.minSeverity));
        const devices = body.all ? context.state.devices().map((device) => device.name) : body.devices!;
        if (devices.length === 0) throw new HttpError(400, 'the inventory has no device', 'body.all');
        return ok(context.runs.live(devices, body.minSeverity), 202);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/diagnose/:id',
      tag: 'diagnosis',
      summary: 'A diagnosis run: its progress, then its report',
      role: 'viewer',
      params: z.strictObject({ id: z.uuid('must be a run id (a UUID)') }),
      responses: [
        { status: 200, description: 'The run', schema: runSchema },
        { status: 404, description: 'No such run (or it is among the oldest of many)', schema: errorSchema },
      ],
      handle: ({ params }) => {
        const run = context.runs.get(params.id);
        if (!run) throw new HttpError(404, `no diagnosis run ${params.id}`, 'path.id');
        return ok(run);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/poll/:name',
      tag: 'diagnosis',
      summary: 'Poll one device now; answers when the poll is stored',
      role: 'operator',
      params: deviceParams,
      responses: [
        {
          status: 200,
          description: 'The poll is stored',
          schema: z.object({
            device: z.string(),
            collectedAt: z.number().nullable(),
            commands: z.array(z.string()),
            errors: z.array(collectionErrorSchema),
          }),
        },
        ...refused,
      ],
      handle: async ({ params, caller }) => {
        if (!context.poller)
          throw new HttpError(503, 'polling needs the collectors: this server runs without a watcher');
        if (!context.state.device(params.name))
          throw new HttpError(404, `no device named "${params.name}"`, 'path.name');
        context.limiter.take(caller!.name, 'poll');
        let seen: DeviceSnapshot | null = null;
        const stop = context.bus.subscribe('poll', ({ snapshot }) => {
          if (snapshot.device === params.name) seen = snapshot;
        });
        try {
          await context.poller.pollNow(params.name);
        } catch (error) {
          // The store knows the device but the watcher's inventory does not (it was removed since).
          throw new HttpError(404, (error as Error).message, 'path.name');
        } finally {
          stop();
        }
        const snapshot: DeviceSnapshot | null = seen ?? context.state.latestSnapshot(params.name);
        return ok({
          device: params.name,
          collectedAt: snapshot?.collectedAt ?? null,
          commands: snapshot?.outputs.map((output) => output.command) ?? [],
          errors: snapshot?.errors ?? [],
        });
      },
    }),
  ];
}
