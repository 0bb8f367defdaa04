// The inventory of a running lab as the product reads one: defaults, named credentials, and every device with the
// address, port and SNMP settings that reach it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import type { LabCredentials, RouterAccess } from '../live/services.js';

interface InventoryCredentials {
  username: string;
  password: string;
  enable: string;
}

export interface InventoryDevice {
  host: string;
  port: number;
  role: RouterAccess['role'];
  /** Set only for a router reached on the shared port, which logs in with its hostname as the user. */
  credentials?: string;
  snmp: { version: '2c'; port: number; community: string };
}

/** The inventory file of dmvpn-watch (see the README's inventory section): the lab's devices as real ones. */
export interface LabInventory {
  defaults: { platform: 'iosxe'; credentials: string; pollInterval: string };
  credentials: Record<string, InventoryCredentials>;
  devices: Record<string, InventoryDevice>;
}

const CREDENTIALS_NAME = 'lab';

export function labInventory(access: readonly RouterAccess[], credentials: LabCredentials): LabInventory {
  const sets: Record<string, InventoryCredentials> = {
    [CREDENTIALS_NAME]: {
      username: credentials.username,
      password: credentials.password,
      enable: credentials.enableSecret,
    },
  };
  const devices: Record<string, InventoryDevice> = {};
  for (const router of access) {
    const own = router.ssh.username === credentials.username;
    if (!own) sets[router.hostname] = { ...sets[CREDENTIALS_NAME]!, username: router.ssh.username };
    devices[router.hostname] = {
      host: router.ssh.host,
      port: router.ssh.port,
      role: router.role,
      ...(own ? {} : { credentials: router.hostname }),
      snmp: { version: '2c', port: router.snmp.port, community: router.snmp.community },
    };
  }
  return {
    defaults: { platform: 'iosxe', credentials: CREDENTIALS_NAME, pollInterval: '1m' },
    credentials: sets,
    devices,
  };
}

export function inventoryYaml(inventory: LabInventory, controlUrl: string): string {
  const header = [
    '# dmvpn-watch inventory of a running lab (`dmvpn-watch lab --inventory-out`).',
    `# The ports are this run's: start the lab again and write the file again. Control API: ${controlUrl}`,
    '# SNMP: v2c, the community naming the router (COMMUNITY@hostname) on the shared port.',
  ];
  return header.join('\n') + '\n' + stringify(inventory, { lineWidth: 0 });
}

export function writeInventory(file: string, inventory: LabInventory, controlUrl: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, inventoryYaml(inventory, controlUrl));
}
