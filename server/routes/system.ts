// The server's own routes: health, Prometheus metrics, the OpenAPI document.

import { z } from 'zod';
import type { ApiContext } from '../context.js';
import { openApiDocument } from '../openapi.js';
import { defineRoute, ok, type ApiRoute } from '../route.js';

export function systemRoutes(context: ApiContext, allRoutes: () => readonly ApiRoute[]): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      tag: 'system',
      summary: 'Liveness and a few counts (no token needed)',
      role: null,
      responses: [
        {
          status: 200,
          description: 'The server is up',
          schema: z.object({
            status: z.literal('ok'),
            version: z.string(),
            devices: z.number().int(),
            collectors: z.boolean().describe('Whether this server polls (live diagnosis and POST /api/poll)'),
            timeSeriesQueries: z.boolean().describe('Whether GET /api/series can answer'),
          }),
        },
      ],
      handle: () =>
        ok({
          status: 'ok',
          version: context.version,
          devices: context.state.devices().length,
          collectors: context.poller !== null,
          timeSeriesQueries: context.reader !== null,
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      tag: 'system',
      summary:
        'Prometheus metrics: the server (polls, durations, errors, backlog, findings) and the DMVPN state',
      role: 'viewer',
      responses: [{ status: 200, description: 'Prometheus text exposition', contentType: 'text/plain' }],
      write: async ({ res }) => {
        const { contentType, text } = await context.metrics.render();
        res.status(200).type(contentType).send(text);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      tag: 'system',
      summary: 'This document',
      role: null,
      responses: [{ status: 200, description: 'OpenAPI 3.1', contentType: 'application/json' }],
      write: ({ res }) => {
        res.status(200).json(openApiDocument(allRoutes(), context.version));
      },
    }),
  ];
}
