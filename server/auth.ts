// Bearer tokens with roles: a viewer reads, an operator may also start polls and live diagnoses (which log into
// routers). Tokens are compared in constant time, every configured one each time.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiRole, ApiToken } from './api-config.js';
import { HttpError } from './http-error.js';

export interface Caller {
  name: string;
  role: ApiRole;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export class TokenAuthority {
  private readonly tokens: { name: string; role: ApiRole; digest: Buffer }[];

  constructor(tokens: readonly ApiToken[]) {
    this.tokens = tokens.map((token) => ({
      name: token.name,
      role: token.role,
      digest: digest(token.secret),
    }));
  }

  /** The caller of an `Authorization` header; throws 401 naming what is wrong (never echoing the token). */
  authenticate(header: string | undefined): Caller {
    if (!header) throw new HttpError(401, 'missing bearer token: send Authorization: Bearer <token>');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new HttpError(401, 'malformed Authorization header: expected Bearer <token>');
    // Hashing first gives equal lengths, and every token is compared so the time does not tell which one matched.
    const given = digest(match[1]!);
    let found: Caller | null = null;
    for (const token of this.tokens)
      if (timingSafeEqual(token.digest, given) && !found) found = { name: token.name, role: token.role };
    if (!found) throw new HttpError(401, 'unknown bearer token');
    return found;
  }
}

const LEVEL: Record<ApiRole, number> = { viewer: 0, operator: 1 };

export function requireRole(caller: Caller, role: ApiRole, action: string): void {
  if (LEVEL[caller.role] < LEVEL[role])
    throw new HttpError(403, `${action} needs the ${role} role; token "${caller.name}" is a ${caller.role}`);
}
