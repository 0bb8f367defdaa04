// The alerting's own route: the alerts pending and firing, the silences in force, and what each receiver has not
// been sent yet (a receiver that is down shows here with its last error).

import { z } from 'zod';
import { defineRoute, ok, type ApiRoute } from '../route.js';
import type { Alerting } from './alerting.js';

const alertSchema = z.object({
  fingerprint: z.string(),
  rule: z.string(),
  status: z.enum(['pending', 'firing']),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  since: z.number().describe('Milliseconds since the epoch when the condition began'),
  firedAt: z.number().nullable(),
  silenced: z.boolean(),
});

export function alertingRoutes(alerting: Alerting): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/alerts',
      tag: 'alerting',
      summary: 'Alerts pending and firing, silences in force, and notifications waiting for each receiver',
      role: 'viewer',
      responses: [
        {
          status: 200,
          description: 'The alerting state',
          schema: z.object({
            alerts: z.array(alertSchema),
            silences: z.array(
              z.object({
                matchers: z.record(z.string(), z.string()),
                startsAt: z.string(),
                endsAt: z.string(),
                comment: z.string().optional(),
              }),
            ),
            receivers: z.array(
              z.object({ name: z.string(), pending: z.number().int(), lastError: z.string().nullable() }),
            ),
          }),
        },
      ],
      handle: () => ok(alerting.overview()),
    }),
  ];
}
