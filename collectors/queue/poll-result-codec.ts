// A poll's result crosses Redis as gzip, base64: a snapshot keeps the raw text of every command, which compresses
// about tenfold, and Redis holds it until the server has read it. SNMP counters are bigint, which JSON lacks: they
// travel as `{ "$bigint": "digits" }`.

import { gunzipSync, gzipSync } from 'node:zlib';
import type { SnmpPollResult } from '../../model/snmp.js';
import type { DeviceSnapshot } from '../../model/snapshot.js';

export interface PollResult {
  snapshot: DeviceSnapshot;
  snmp: SnmpPollResult | null;
  /** The interval slot of the job. */
  slot: number;
}

function bigintOut(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? { $bigint: value.toString() } : value;
}

function bigintIn(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$bigint' in value && typeof value.$bigint === 'string')
    return BigInt(value.$bigint);
  return value;
}

export function encodePollResult(result: PollResult): string {
  return gzipSync(JSON.stringify(result, bigintOut)).toString('base64');
}

export function decodePollResult(encoded: string): PollResult {
  return JSON.parse(gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8'), bigintIn) as PollResult;
}
