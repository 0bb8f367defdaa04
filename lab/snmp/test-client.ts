// net-snmp client calls as promises, for the agent's tests.

import snmp from 'net-snmp';
import type { LabSnmpSettings, RouterAccess } from '../live/services.js';

export const SETTINGS: Omit<LabSnmpSettings, 'routerPorts'> = {
  host: '127.0.0.1',
  sharedPort: 0,
  community: 'lab-ro',
  v3: {
    user: 'labmon',
    authProtocol: 'sha',
    authKey: 'auth-key-123',
    privProtocol: 'aes',
    privKey: 'priv-key-456',
  },
};

/** Short: a request the agent drops must time out quickly. */
const TIMEOUT_MS = 400;

export type Session = snmp.Session;

export function v2cSession(access: RouterAccess['snmp'], community = access.community): Session {
  return snmp.createSession(access.host, community, {
    port: access.port,
    version: snmp.Version2c,
    timeout: TIMEOUT_MS,
    retries: 0,
  });
}

export function v3Session(
  access: RouterAccess['snmp'],
  keys: { authKey: string; privKey: string } = SETTINGS.v3,
  context = access.context,
): Session {
  const user: snmp.User = {
    name: SETTINGS.v3.user,
    level: snmp.SecurityLevel.authPriv,
    authProtocol: snmp.AuthProtocols.sha,
    authKey: keys.authKey,
    privProtocol: snmp.PrivProtocols.aes,
    privKey: keys.privKey,
  };
  return snmp.createV3Session(access.host, user, {
    port: access.port,
    context,
    timeout: TIMEOUT_MS,
    retries: 0,
  } as snmp.SessionOptionsV3);
}

export function get(session: Session, oids: string[]): Promise<snmp.Varbind[]> {
  return new Promise((resolve, reject) => {
    session.get(oids, (error, varbinds) => (error ? reject(error) : resolve(varbinds ?? [])));
  });
}

export function getNext(session: Session, oids: string[]): Promise<snmp.Varbind[]> {
  return new Promise((resolve, reject) => {
    session.getNext(oids, (error, varbinds) => (error ? reject(error) : resolve(varbinds ?? [])));
  });
}

export function getBulk(
  session: Session,
  oids: string[],
  nonRepeaters: number,
  maxRepetitions: number,
): Promise<snmp.Varbind[]> {
  return new Promise((resolve, reject) => {
    session.getBulk(oids, nonRepeaters, maxRepetitions, (error, varbinds) =>
      error ? reject(error) : resolve((varbinds ?? []) as snmp.Varbind[]),
    );
  });
}

/** Every varbind under `oid`, by GetBulk. */
export function walk(session: Session, oid: string): Promise<snmp.Varbind[]> {
  const found: snmp.Varbind[] = [];
  return new Promise((resolve, reject) => {
    session.subtree(
      oid,
      20,
      (varbinds) => {
        found.push(...varbinds);
      },
      (error) => (error ? reject(error) : resolve(found)),
    );
  });
}

/** The index suffix of each varbind under `column`, with its value. */
export function byIndex(varbinds: snmp.Varbind[], column: string): Map<string, snmp.Varbind['value']> {
  const rows = new Map<string, snmp.Varbind['value']>();
  for (const varbind of varbinds) {
    if (varbind.oid.startsWith(`${column}.`)) rows.set(varbind.oid.slice(column.length + 1), varbind.value);
  }
  return rows;
}

/** A Cisco 4-byte address value as dotted text. */
export function dotted(value: unknown): string {
  return [...(value as Buffer)].join('.');
}

/** A Counter64 as net-snmp's client returns it (big-endian bytes, leading zeros dropped). */
export function counter64(value: unknown): bigint {
  const bytes = value as Buffer;
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}
