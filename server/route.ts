// One API route as data: its method and path, who may call it, the zod schemas of its parameters, query, body and
// responses, and its handler. The same object mounts the route (with validation) and documents it (OpenAPI).

import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ApiRole } from './api-config.js';
import type { Caller } from './auth.js';

export interface RouteResponse {
  status: number;
  description: string;
  /** The JSON body; absent for bodies that are not JSON (`contentType`) or empty. */
  schema?: z.ZodType;
  contentType?: string;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Null on public routes. */
  caller: Caller | null;
  req: Request;
  res: Response;
}

/** A JSON reply, validated against the route's response schema of its status. */
export interface Reply {
  status: number;
  body: unknown;
}

export interface ApiRoute {
  method: 'get' | 'post';
  /** Express syntax: `/api/devices/:name`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** The least role that may call it; null for a public route. */
  role: ApiRole | null;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: RouteResponse[];
  /** Answers with JSON; or `write` answers itself (a stream, plain text). */
  handle?(input: RouteInput<unknown, unknown, unknown>): Promise<Reply> | Reply;
  write?(input: RouteInput<unknown, unknown, unknown>): Promise<void> | void;
}

interface RouteSpec<P extends z.ZodObject, Q extends z.ZodObject, B extends z.ZodType> extends Omit<
  ApiRoute,
  'params' | 'query' | 'body' | 'handle' | 'write'
> {
  params?: P;
  query?: Q;
  body?: B;
  handle?(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<Reply> | Reply;
  write?(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<void> | void;
}

/** Types the handler's input from the schemas; the erased route is what the app and the document read. */
export function defineRoute<
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodObject = z.ZodObject,
  B extends z.ZodType = z.ZodType,
>(spec: RouteSpec<P, Q, B>): ApiRoute {
  return spec as unknown as ApiRoute;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
