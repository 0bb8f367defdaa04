// An SNMP session with one inventory device (net-snmp): v2c with its community, or v3 authPriv with its user, keys
// and context. Requests become promises; their failures become SnmpRequestError messages naming the device.

import { isIPv6 } from 'node:net';

import snmp from 'net-snmp';

import type { InventoryDevice, SnmpAccess } from '../inventory/device.js';

export interface SnmpSessionOptions {
  /** Wait for each answer (default 3000 ms). */
  timeoutMs?: number;
  /** Requests sent again after a timeout (default 1). */
  retries?: number;
}

export class SnmpRequestError extends Error {
  constructor(
    readonly device: string,
    readonly kind: 'timeout' | 'auth' | 'refused' | 'invalid-response' | 'no-access',
    message: string,
  ) {
    super(`${device}: ${message}`);
    this.name = 'SnmpRequestError';
  }
}

export interface SnmpSession {
  readonly device: string;
  get(oids: string[]): Promise<snmp.Varbind[]>;
  /** One GETBULK: for each repeater OID, the varbinds that follow it (net-snmp's layout). */
  getBulk(oids: string[], maxRepetitions: number): Promise<snmp.Varbind[][]>;
  /** Requests sent so far (retries not counted). */
  requests(): number;
  close(): void;
}

const AUTH = { sha: snmp.AuthProtocols.sha, md5: snmp.AuthProtocols.md5, sha256: snmp.AuthProtocols.sha256 };
const PRIV = { aes: snmp.PrivProtocols.aes, des: snmp.PrivProtocols.des };

export function openSnmpSession(device: InventoryDevice, options: SnmpSessionOptions = {}): SnmpSession {
  const access = device.snmp;
  if (!access) throw new SnmpRequestError(device.name, 'no-access', 'no SNMP settings in the inventory');
  const timeoutMs = options.timeoutMs ?? 3000;
  const retries = options.retries ?? 1;
  const common = {
    port: access.port,
    timeout: timeoutMs,
    retries,
    transport: isIPv6(device.host) ? ('udp6' as const) : ('udp4' as const),
  };
  const session =
    access.version === '2c'
      ? snmp.createSession(device.host, access.community.reveal(), { ...common, version: snmp.Version2c })
      : snmp.createV3Session(device.host, v3User(access), { ...common, context: access.context });
  // Socket errors also reach the pending request's callback; without a listener they would end the process.
  session.on('error', () => undefined);
  let sent = 0;
  const describe = (error: unknown): SnmpRequestError =>
    describeSnmpError(device, access, error, timeoutMs, retries);
  return {
    device: device.name,
    get(oids) {
      sent += 1;
      return new Promise((resolve, reject) => {
        session.get(oids, (error: Error | null, varbinds?: snmp.Varbind[]) =>
          error ? reject(describe(error)) : resolve(varbinds ?? []),
        );
      });
    },
    getBulk(oids, maxRepetitions) {
      sent += 1;
      return new Promise((resolve, reject) => {
        session.getBulk(oids, 0, maxRepetitions, (error: Error | null, varbinds?: unknown[]) =>
          error ? reject(describe(error)) : resolve((varbinds ?? []) as snmp.Varbind[][]),
        );
      });
    },
    requests: () => sent,
    close() {
      try {
        session.close();
      } catch {
        // Already closed: nothing left to release.
      }
    },
  };
}

function v3User(access: Extract<SnmpAccess, { version: '3' }>): snmp.User {
  return {
    name: access.user,
    level: snmp.SecurityLevel.authPriv,
    authProtocol: AUTH[access.authProtocol],
    authKey: access.authKey.reveal(),
    privProtocol: PRIV[access.privProtocol],
    privKey: access.privKey.reveal(),
  };
}

/** What went wrong, in terms an operator can act on. */
export function describeSnmpError(
  device: InventoryDevice,
  access: SnmpAccess,
  error: unknown,
  timeoutMs: number,
  retries: number,
): SnmpRequestError {
  const where = `${device.host}:${access.port}`;
  const credentials =
    access.version === '2c'
      ? 'the community'
      : `v3 user "${access.user}", its keys and context "${access.context}"`;
  if (error instanceof Error && error.name === 'RequestTimedOutError') {
    return new SnmpRequestError(
      device.name,
      'timeout',
      `no SNMP answer from ${where} within ${timeoutMs / 1000} s (${retries + 1} tries): unreachable, no agent, ` +
        `or ${credentials} not accepted (an agent stays silent on wrong credentials)`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof snmp.RequestFailedError) {
    return new SnmpRequestError(
      device.name,
      'refused',
      `the agent at ${where} refused the request: ${message}`,
    );
  }
  if (/user|digest|decrypt|engine|authentic|privacy/i.test(message)) {
    return new SnmpRequestError(
      device.name,
      'auth',
      `SNMPv3 with ${where} failed: ${message}; check ${credentials}`,
    );
  }
  return new SnmpRequestError(device.name, 'invalid-response', `SNMP with ${where} failed: ${message}`);
}
