// The OpenAPI 3.1 document of the routes, generated from the same zod schemas that validate them.

import { z } from 'zod';
import type { ApiRoute, RouteResponse } from './route.js';
import { errorSchema } from './schemas.js';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const document = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete document.$schema;
  return document;
}

/** `/api/devices/:name` -> `/api/devices/{name}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

function parameters(route: ApiRoute): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [where, object] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!object) continue;
    const schema = jsonSchema(object, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const { description, ...rest } = property;
      list.push({
        name,
        in: where,
        required: where === 'path' || (schema.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return list;
}

/** The answers the app gives on every route of a kind: bad input, no token, too small a role. */
function standardResponses(route: ApiRoute): RouteResponse[] {
  const list: RouteResponse[] = [];
  if (route.params || route.query || route.body)
    list.push({ status: 400, description: 'A parameter or the body is invalid', schema: errorSchema });
  if (route.role) list.push({ status: 401, description: 'No token, or an unknown one', schema: errorSchema });
  if (route.role === 'operator')
    list.push({ status: 403, description: 'The token is not an operator token', schema: errorSchema });
  return list;
}

function operation(route: ApiRoute): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  const declared = new Set(route.responses.map((response) => response.status));
  const all = [...route.responses, ...standardResponses(route).filter((r) => !declared.has(r.status))];
  for (const response of all.sort((a, b) => a.status - b.status)) {
    const contentType = response.contentType ?? 'application/json';
    responses[String(response.status)] = {
      description: response.description,
      ...(response.schema || response.contentType
        ? {
            content: {
              [contentType]: response.schema ? { schema: jsonSchema(response.schema, 'output') } : {},
            },
          }
        : {}),
    };
  }
  return {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(route.role ? { security: [{ bearer: [] }], 'x-required-role': route.role } : { security: [] }),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(routes: readonly ApiRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dmvpn-watch API',
      version,
      description:
        'Devices, their latest snapshots, the DMVPN topology, findings, tunnel events, time series, on-demand ' +
        'diagnosis and an event stream. Send `Authorization: Bearer <token>`; viewers read, operators may also ' +
        'poll and diagnose live devices.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths,
  };
}
