// The HTTP API that steers a running lab (faults, flaps, reboots, the clock) on 127.0.0.1, behind a bearer token.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { faultCatalogue, findFault } from '../faults/catalogue.js';
import { FLAP } from '../faults/events.js';
import type { LiveLab } from '../live/types.js';
import type { RouterAccess } from '../live/services.js';
import { HttpError, jsonErrors, parseRequest } from './http-errors.js';
import { summarizeRouter } from './router-summary.js';

export interface ControlApiContext {
  lab: LiveLab;
  access: readonly RouterAccess[];
  token: string;
}

export interface ControlApi {
  url: string;
  close(): Promise<void>;
}

const faultBody = z
  .object({
    id: z.string({ error: 'must be a fault id (see GET /faults)' }).min(1, 'must not be empty'),
    target: z.string({ error: 'must be a router name' }).min(1, 'must not be empty').optional(),
  })
  .strict();

const clearQuery = z.object({ target: z.string({ error: 'must be one router name' }).min(1).optional() });

const seconds = z.number({ error: 'must be a number of seconds' }).int('must be whole seconds');

const flapBody = z
  .object({
    periodSeconds: seconds.min(2, 'must be at least 2').max(86_400, 'must be at most 86400').optional(),
    downSeconds: seconds.min(1, 'must be at least 1').max(86_400, 'must be at most 86400').optional(),
  })
  .strict()
  .refine(
    (body) =>
      body.periodSeconds === undefined ||
      body.downSeconds === undefined ||
      body.downSeconds < body.periodSeconds,
    { message: 'must be less than periodSeconds', path: ['downSeconds'] },
  );

const clockBody = z
  .object({
    advanceSeconds: z
      .number({ error: 'must be a number of seconds' })
      .positive('must be more than 0')
      .max(30 * 86_400, 'must be at most 2592000 (30 days)')
      .optional(),
    speed: z
      .number({ error: 'must be lab seconds per wall second' })
      .positive('must be more than 0')
      .max(86_400, 'must be at most 86400')
      .optional(),
  })
  .strict()
  .refine((body) => body.advanceSeconds !== undefined || body.speed !== undefined, {
    message: 'give advanceSeconds, speed or both',
  });

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function requireToken(token: string): RequestHandler {
  const expected = digest(token);
  return (request, response, next) => {
    const header = request.get('authorization') ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (match && timingSafeEqual(digest(match[1]!), expected)) {
      next();
      return;
    }
    response.set('WWW-Authenticate', 'Bearer realm="dmvpn-watch lab"');
    response.status(401).json({
      error: match
        ? "the bearer token is not this lab's (it prints it at start and keeps it in its control file)"
        : 'send the lab\'s token as "Authorization: Bearer TOKEN"',
    });
  };
}

/** Runs a lab call, turning the lab's refusal (a fault that does not fit, ...) into a 400 with its message. */
function labCall<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw new HttpError(400, (error as Error).message);
  }
}

export function createControlApp({ lab, access, token }: ControlApiContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requireToken(token));
  app.use(express.json({ limit: '16kb' }));

  const router = (name: string): string => {
    if (!lab.has(name)) throw new HttpError(404, `no router named ${name} in this lab`);
    return name;
  };

  app.get('/routers', (_request, response) => {
    response.json({ routers: access });
  });

  app.get('/routers/:name', (request, response) => {
    const name = router(request.params.name);
    response.json(access.find((entry) => entry.hostname === name));
  });

  app.get('/routers/:name/state', (request, response) => {
    const name = router(request.params.name);
    response.json(summarizeRouter(lab.state(name), lab.faults()));
  });

  app.get('/faults', (_request, response) => {
    response.json({
      injected: lab.faults(),
      catalogue: faultCatalogue.map((fault) => ({
        id: fault.id,
        title: fault.title,
        layer: fault.layer,
        defaultTarget: fault.defaultTarget,
        roles: fault.roles,
        requires: fault.requires?.text ?? null,
        fits: fault.requires === null || fault.requires.met(lab.options),
        breaks: fault.breaks,
      })),
    });
  });

  app.post('/faults', (request, response) => {
    const body = parseRequest(faultBody, request.body, 'body');
    if (!findFault(body.id)) {
      throw new HttpError(400, `body field "id": unknown fault "${body.id}" (GET /faults lists them)`, 'id');
    }
    if (body.target !== undefined) router(body.target);
    const injected = labCall(() => lab.injectFault(body.id, body.target));
    response.status(201).json({ injected, atSeconds: lab.now() });
  });

  app.delete('/faults/:id', (request, response) => {
    const { id } = request.params;
    const { target } = parseRequest(clearQuery, request.query, 'query');
    if (!findFault(id)) throw new HttpError(404, `unknown fault "${id}" (GET /faults lists them)`);
    if (target !== undefined) router(target);
    const injected = lab
      .faults()
      .some((fault) => fault.id === id && (target === undefined || fault.target === target));
    if (!injected) throw new HttpError(404, `fault ${id} is not injected${target ? ` on ${target}` : ''}`);
    const cleared = labCall(() => lab.clearFault(id, target));
    response.json({ cleared, atSeconds: lab.now() });
  });

  app.post('/routers/:name/flap', (request, response) => {
    const name = router(request.params.name);
    const body = parseRequest(flapBody, request.body, 'body');
    const periodSeconds = body.periodSeconds ?? FLAP.periodSeconds;
    const downSeconds = body.downSeconds ?? FLAP.downSeconds;
    labCall(() => lab.flap(name, periodSeconds, downSeconds));
    response.json({ hostname: name, flapping: true, periodSeconds, downSeconds, atSeconds: lab.now() });
  });

  app.delete('/routers/:name/flap', (request, response) => {
    const name = router(request.params.name);
    labCall(() => lab.stopFlap(name));
    response.json({ hostname: name, flapping: false, atSeconds: lab.now() });
  });

  app.post('/routers/:name/reboot', (request, response) => {
    const name = router(request.params.name);
    labCall(() => lab.reboot(name));
    response.json({ hostname: name, rebootedAtSeconds: lab.now() });
  });

  app.get('/clock', (_request, response) => {
    response.json(lab.clock());
  });

  app.post('/clock', (request, response) => {
    const body = parseRequest(clockBody, request.body, 'body');
    if (body.advanceSeconds !== undefined) labCall(() => lab.advance(body.advanceSeconds!));
    if (body.speed !== undefined) labCall(() => lab.setSpeed(body.speed!));
    response.json(lab.clock());
  });

  app.use((request, _response, next) => {
    next(new HttpError(404, `no ${request.method} ${request.path} here (routers, faults, clock)`));
  });
  app.use(jsonErrors);
  return app;
}

/** Serves the control API on 127.0.0.1 only: it changes the lab, so it is never reachable from elsewhere. */
export async function startControlApi(context: ControlApiContext, port: number): Promise<ControlApi> {
  const app = createControlApp(context);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const listening = app.listen(port, '127.0.0.1', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
