// One device of the inventory with every setting resolved: what a collector needs to poll it.

import type { Secret } from './secret.js';

export type SnmpAccess =
  | { version: '2c'; port: number; community: Secret }
  | {
      version: '3';
      port: number;
      user: string;
      authProtocol: 'sha' | 'md5' | 'sha256';
      authKey: Secret;
      privProtocol: 'aes' | 'des';
      privKey: Secret;
      context: string;
    };

export interface InventoryDevice {
  name: string;
  host: string;
  port: number;
  role: 'hub' | 'spoke';
  platform: 'ios' | 'iosxe';
  username: string;
  password: Secret;
  enableSecret: Secret | null;
  legacySsh: boolean;
  snmp: SnmpAccess | null;
  pollIntervalSeconds: number;
  commandTimeoutSeconds: number;
  /** Read-only commands polled beside the standard set. */
  extraCommands: string[];
}

export const DEVICE_DEFAULTS = {
  port: 22,
  platform: 'iosxe',
  snmpPort: 161,
  pollIntervalSeconds: 300,
  commandTimeoutSeconds: 30,
} as const;
