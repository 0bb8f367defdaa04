// Everything collected from one device in one poll.

import type { DeviceRole } from './sample.js';
import type { ParseResult } from './parse.js';

export interface CommandOutput {
  /** The command line as sent, e.g. `show dmvpn detail`. */
  command: string;
  /** Raw text as the router printed it; evidence points at its lines. */
  raw: string;
  parsed: ParseResult;
  /** Milliseconds since the epoch when the output was complete. */
  collectedAt: number;
  durationMs: number;
}

export interface CollectionError {
  command?: string;
  message: string;
}

export interface DeviceSnapshot {
  device: string;
  role: DeviceRole;
  collectedAt: number;
  outputs: CommandOutput[];
  errors: CollectionError[];
}
