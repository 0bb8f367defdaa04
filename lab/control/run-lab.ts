// A running lab: the live network with its SSH server, SNMP agent, syslog/trap emitters and control API, started
// from one settings object and closed as one.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startLabEmitters } from '../emit/emitters.js';
import { createLiveLab } from '../live/live-lab.js';
import type { LabSshService, RouterAccess, RunningService } from '../live/services.js';
import type { LiveLab } from '../live/types.js';
import { startLabSnmp } from '../snmp/agent.js';
import { startLabSsh } from '../ssh/server.js';
import { startControlApi } from './control-api.js';
import { labInventory, type LabInventory } from './inventory.js';
import { LabSettingsError, parseLabRunSettings, type LabRunInput, type LabRunSettings } from './settings.js';
import { removeControlFile, writeControlFile } from './state-file.js';

export interface RunningLab {
  lab: LiveLab;
  settings: LabRunSettings;
  /** How to reach every router, hubs first. */
  access: RouterAccess[];
  /** The port every router answers SSH on by username, when one is open. */
  sshSharedPort: number | null;
  controlUrl: string;
  /** The bearer token of the control API. */
  token: string;
  inventory(): LabInventory;
  /** Stops every service and the clock; safe to call twice. */
  close(): Promise<void>;
}

/** Closes what started, newest first, even when one of them fails; reports the first failure. */
async function closeAll(services: RunningService[]): Promise<void> {
  const failures: unknown[] = [];
  for (const service of [...services].reverse()) {
    try {
      await service.close();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

export async function startLab(input: LabRunInput = {}): Promise<RunningLab> {
  const settings = parseLabRunSettings(input);
  let lab: LiveLab;
  try {
    lab = createLiveLab(settings.network, {
      speed: settings.speed,
      faults: settings.faults,
      startWallMs: Date.now() - (settings.historySeconds * 1000) / settings.speed,
      ...(settings.tickSeconds === undefined ? {} : { tickSeconds: settings.tickSeconds }),
    });
  } catch (error) {
    // The network's own checks: options that do not fit together, a fault that does not exist or fit.
    throw new LabSettingsError((error as Error).message);
  }
  const started: RunningService[] = [{ close: async () => lab.close() }];
  try {
    const ssh: LabSshService = await startLabSsh(lab, {
      host: settings.host,
      routerPorts: settings.ssh.basePort === null ? null : { basePort: settings.ssh.basePort },
      sharedPort: settings.ssh.sharedPort,
      hostKeyDir: join(settings.dataDir, 'ssh-host-keys'),
      credentials: settings.credentials,
      legacyRouters: settings.ssh.legacyRouters,
      idleTimeoutSeconds: settings.ssh.idleTimeoutSeconds,
      maxSessionsPerRouter: settings.ssh.maxSessionsPerRouter,
      outputDelay: settings.ssh.outputDelay,
      writeAccess: settings.ssh.writeAccess,
    });
    started.push(ssh);
    const v3 = { ...settings.snmp.v3, authProtocol: 'sha' as const, privProtocol: 'aes' as const };
    const snmp = await startLabSnmp(lab, {
      host: settings.host,
      sharedPort: settings.snmp.sharedPort,
      routerPorts: settings.snmp.basePort === null ? null : { basePort: settings.snmp.basePort },
      community: settings.snmp.community,
      v3,
    });
    started.push(snmp);
    // Each tick plays every router's second: with no receiver there is no one to play it for.
    if (settings.syslog.length > 0 || settings.traps.length > 0) {
      started.push(
        startLabEmitters(lab, {
          syslog: settings.syslog,
          traps: settings.traps,
          snmp: { community: settings.snmp.community, v3 },
        }),
      );
    }
    const access: RouterAccess[] = lab.hostnames().map((hostname) => ({
      hostname,
      role: lab.config(hostname).role,
      ssh: ssh.access(hostname),
      snmp: snmp.access(hostname),
    }));
    const token = settings.control.token ?? randomBytes(24).toString('base64url');
    const control = await startControlApi({ lab, access, token }, settings.control.port);
    started.push(control);
    writeControlFile(settings.dataDir, {
      url: control.url,
      token,
      pid: process.pid,
      startedAt: new Date().toISOString(),
    });
    started.push({ close: async () => removeControlFile(settings.dataDir, process.pid) });

    let closing: Promise<void> | null = null;
    return {
      lab,
      settings,
      access,
      sshSharedPort: ssh.sharedPort(),
      controlUrl: control.url,
      token,
      inventory: () => labInventory(access, settings.credentials),
      close: () => (closing ??= closeAll(started)),
    };
  } catch (error) {
    await closeAll(started).catch(() => undefined);
    throw error;
  }
}
