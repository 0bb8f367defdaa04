// The event stream (server-sent events): tunnel edges, findings of diagnosis runs, run progress, and (on request)
// polls. One `event:` per item; a comment line every 15 s keeps proxies from closing an idle stream.

import { z } from 'zod';
import type { ApiContext } from '../context.js';
import { defineRoute, type ApiRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const TYPES = ['tunnel-event', 'findings', 'run', 'poll'] as const;
type StreamType = (typeof TYPES)[number];

const HEARTBEAT_MS = 15_000;

export function streamRoutes(context: ApiContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/events',
      tag: 'events',
      summary: 'Server-sent events: tunnel-event, findings, run (and poll when asked for)',
      description:
        '`event: tunnel-event` carries one TunnelEvent; `findings` a run id and its findings; `run` a run id, ' +
        'status and step; `poll` a device, its collection time and error count.',
      role: 'viewer',
      query: z.strictObject({
        types: z
          .string()
          .regex(
            new RegExp(`^(${TYPES.join('|')})(,(${TYPES.join('|')}))*$`),
            `must be event types separated by commas: ${TYPES.join(', ')}`,
          )
          .optional()
          .describe('Default: tunnel-event,findings,run'),
      }),
      responses: [
        { status: 200, description: 'The stream', contentType: 'text/event-stream' },
        { status: 400, description: 'Unknown event type', schema: errorSchema },
      ],
      write: ({ query, req, res }) => {
        const wanted = new Set<StreamType>(
          (query.types?.split(',') as StreamType[] | undefined) ?? ['tunnel-event', 'findings', 'run'],
        );
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const send = (type: StreamType, data: unknown): void => {
          if (wanted.has(type)) res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
        };
        const stops = [
          context.bus.subscribe('tunnel-events', (events) =>
            events.forEach((event) => send('tunnel-event', event)),
          ),
          context.bus.subscribe('findings', (payload) => send('findings', payload)),
          context.bus.subscribe('run', (progress) => send('run', progress)),
          context.bus.subscribe('poll', ({ snapshot }) =>
            send('poll', {
              device: snapshot.device,
              collectedAt: snapshot.collectedAt,
              errors: snapshot.errors.length,
            }),
          ),
        ];
        // Written once subscribed: a client that reads it knows that every later event reaches it.
        res.write(': connected\n\n');
        context.metrics.openStreams.inc();
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
        req.on('close', () => {
          clearInterval(heartbeat);
          context.metrics.openStreams.dec();
          for (const stop of stops) stop();
        });
      },
    }),
  ];
}
