// The lab's SNMP agent: one process answering for every router of a live lab, v2c and v3 (authPriv, SHA + AES).
// On the shared port a router is chosen as on a Cisco device with several instances: v2c community
// `COMMUNITY@hostname`, v3 context `hostname`. With routerPorts, router i (hub1 first) also answers on a port of its
// own with the plain community and the empty context.

import { routerEngineId, v2cCommunity, v3User } from '../emit/trap-sender.js';
import type { LabSnmpService, LabSnmpSettings, RouterAccess } from '../live/services.js';
import type { LiveLab } from '../live/types.js';
import { RouterMibs } from './router-mibs.js';
import { openSnmpPort, type SnmpPort } from './snmp-port.js';
import type { Credentials } from './wire.js';

export async function startLabSnmp(lab: LiveLab, settings: LabSnmpSettings): Promise<LabSnmpService> {
  const mibs = new RouterMibs(lab);
  const users = [v3User(settings.v3)];
  const hostnames = lab.hostnames();
  const opened: SnmpPort[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(opened.splice(0).map((port) => port.close()));
  };
  try {
    const suffix = v2cCommunity(settings.community, '');
    const sharedCredentials: Credentials = {
      communities: hostnames.map((hostname) => v2cCommunity(settings.community, hostname)),
      users,
      disableAuthorization: false,
    };
    const shared = await openSnmpPort({
      host: settings.host,
      port: settings.sharedPort,
      engineId: engineIdBytes(SHARED_ENGINE),
      credentials: sharedCredentials,
      routerOfCommunity: (community) =>
        known(lab, community.startsWith(suffix) ? community.slice(suffix.length) : ''),
      routerOfContext: (context) => known(lab, context),
      view: (hostname) => mibs.view(hostname),
    });
    opened.push(shared);
    const own = new Map<string, number>();
    if (settings.routerPorts) {
      const { basePort } = settings.routerPorts;
      const plain: Credentials = { communities: [settings.community], users, disableAuthorization: false };
      for (const [position, hostname] of hostnames.entries()) {
        const port = await openSnmpPort({
          host: settings.host,
          port: basePort === 0 ? 0 : basePort + position,
          // A router's own port answers with the engine ID its traps carry.
          engineId: engineIdBytes(hostname),
          credentials: plain,
          routerOfCommunity: () => hostname,
          routerOfContext: (context) => (context === '' ? hostname : null),
          view: () => mibs.view(hostname),
        });
        opened.push(port);
        own.set(hostname, port.port);
      }
    }
    return {
      access(hostname: string): RouterAccess['snmp'] {
        if (!lab.has(hostname)) throw new Error(`no router named "${hostname}" in this lab`);
        const port = own.get(hostname);
        if (port !== undefined)
          return { host: settings.host, port, community: settings.community, context: '' };
        const community = v2cCommunity(settings.community, hostname);
        return { host: settings.host, port: shared.port, community, context: hostname };
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The shared port is one SNMP engine for every router. */
const SHARED_ENGINE = 'dmvpn-lab';

function engineIdBytes(name: string): Buffer {
  return Buffer.from(routerEngineId(name), 'hex');
}

function known(lab: LiveLab, hostname: string): string | null {
  return hostname !== '' && lab.has(hostname) ? hostname : null;
}
