// The express app: every route mounted with its token check and its validated parameters, query, body and
// response; errors as JSON `{ error, field? }` with a clear message.

import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { TokenAuthority } from './auth.js';
import { requireRole } from './auth.js';
import type { ApiContext } from './context.js';
import { HttpError } from './http-error.js';
import type { ApiRoute, Reply } from './route.js';
import { webAssetsDir } from './web-assets.js';

function validated<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.output<S> {
  if (!schema) return {} as z.output<S>;
  const checked = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0]!;
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const field = [where, ...path, issue.keys[0]!].join('.');
    throw new HttpError(400, `${field}: unknown field`, field);
  }
  const field = [where, ...path].join('.');
  const message = value === undefined && where === 'body' ? 'a JSON body is required' : issue.message;
  throw new HttpError(400, `${field}: ${message}`, field);
}

function sendError(res: Response, error: HttpError): void {
  if (error.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(error.retryAfterSeconds));
  if (error.status === 401) res.setHeader('www-authenticate', 'Bearer realm="dmvpn-watch"');
  res.status(error.status).json({ error: error.message, ...(error.field ? { field: error.field } : {}) });
}

export interface AppOptions {
  context: ApiContext;
  routes: readonly ApiRoute[];
  auth: TokenAuthority;
  log: Logger;
}

export function createApp({ context, routes, auth, log }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '8mb' }));

  for (const route of routes) {
    app[route.method](route.path, async (req: Request, res: Response) => {
      res.on('finish', () =>
        context.metrics.httpRequests.inc({ method: route.method, route: route.path, status: res.statusCode }),
      );
      try {
        const caller = route.role ? auth.authenticate(req.headers.authorization) : null;
        if (caller && route.role)
          requireRole(caller, route.role, `${route.method.toUpperCase()} ${route.path}`);
        const input = {
          params: validated(route.params, req.params, 'path'),
          query: validated(route.query, req.query, 'query'),
          body: validated(route.body, req.body, 'body'),
          caller,
          req,
          res,
        };
        if (route.write) return await route.write(input);
        const reply: Reply = await route.handle!(input);
        const declared = route.responses.find((response) => response.status === reply.status)?.schema;
        const checked = declared?.safeParse(reply.body);
        if (checked && !checked.success) {
          log.error(
            { route: route.path, issues: checked.error.issues.slice(0, 3) },
            'response does not match its schema',
          );
          throw new HttpError(500, 'the server built a response that does not match its documented schema');
        }
        res.status(reply.status).json(reply.body);
      } catch (error) {
        // A stream that fails after its headers can only be ended.
        if (res.headersSent) return void res.end();
        if (error instanceof HttpError) return sendError(res, error);
        log.error({ err: error, route: route.path }, 'request failed');
        sendError(res, new HttpError(500, 'internal error (see the server log)'));
      }
    });
  }

  const web = webAssetsDir();
  if (web) app.use(express.static(web, { index: 'index.html' }));

  app.use((req: Request, res: Response) => {
    const allowed = routes.filter((route) => route.path === req.path).map((r) => r.method.toUpperCase());
    if (allowed.length > 0) {
      res.setHeader('allow', allowed.join(', '));
      return sendError(
        res,
        new HttpError(405, `${req.method} is not allowed here; use ${allowed.join(' or ')}`),
      );
    }
    sendError(res, new HttpError(404, `no route ${req.method} ${req.path} (see /api/openapi.json)`));
  });

  // Body parser errors (malformed JSON, too large) arrive here with their status.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      if (status === 500) log.error({ err: error }, 'request failed');
      const message =
        error.type === 'entity.parse.failed'
          ? 'body: not valid JSON'
          : error.type === 'entity.too.large'
            ? 'body: larger than 8 MB'
            : status === 500
              ? 'internal error (see the server log)'
              : error.message;
      sendError(
        res,
        new HttpError(status, message, error.type === 'entity.parse.failed' ? 'body' : undefined),
      );
    },
  );
  return app;
}
