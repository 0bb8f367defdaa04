// Client errors of the control API: a status, a message that names what was wrong, and the field when one was.

import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Parses a request part with a schema, or throws a 400 naming the first field that is wrong. */
export function parseRequest<T extends z.ZodType>(
  schema: T,
  value: unknown,
  part: 'body' | 'query',
): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    throw new HttpError(400, `${part} field "${key}" is not one this call takes`, key);
  }
  const field = issue.path.join('.');
  if (field === '') throw new HttpError(400, `${part}: ${issue.message}`);
  throw new HttpError(400, `${part} field "${field}" ${issue.message}`, field);
}

interface BodyParserError extends Error {
  status?: number;
  type?: string;
}

/** Every failure answers JSON `{ error, field? }`; nothing a client sends reaches the process as an exception. */
export const jsonErrors: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  void _next;
  if (error instanceof HttpError) {
    response
      .status(error.status)
      .json(error.field ? { error: error.message, field: error.field } : { error: error.message });
    return;
  }
  const parserError = error as BodyParserError;
  if (parserError.type === 'entity.parse.failed') {
    response.status(400).json({ error: `the body is not valid JSON: ${parserError.message}` });
    return;
  }
  const status = parserError.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    response.status(status).json({ error: parserError.message });
    return;
  }
  response
    .status(500)
    .json({ error: `the lab could not do it: ${(error as Error).message ?? String(error)}` });
};
