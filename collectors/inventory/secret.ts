// A password, key or community read from the inventory. It never prints: logs, JSON and util.inspect show a mask.

import { inspect } from 'node:util';

export class Secret {
  readonly #value: string;

  constructor(
    value: string,
    /** Where it came from (`env DMVPN_PASSWORD`, `file /run/secrets/x`, `inline`): safe to show. */
    readonly origin: string,
  ) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '********';
  }

  toJSON(): string {
    return '********';
  }

  [inspect.custom](): string {
    return `Secret(${this.origin})`;
  }
}
