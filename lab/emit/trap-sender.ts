// SNMP notifications of the lab's routers to one trap receiver, through net-snmp sessions: one session (and UDP
// source port) per router, as each real router has its own agent.
//
// Every router sends from the lab's own address, so the receiver cannot tell them apart by source as it would real
// routers. They say who they are the way the lab's SNMP agent tells them apart on its shared port:
// - SNMPv2c: the community is `COMMUNITY@hostname`, the community that picks the router on the agent's shared port;
// - SNMPv3 (authPriv, SHA/AES): the contextName is the hostname, and each router is the authoritative engine of its
//   traps with an engine ID of its own (routerEngineId), as IOS is for the traps it sends.

import { isIPv6 } from 'node:net';

import snmp from 'net-snmp';

import type { LabEmitSettings, TrapReceiver } from '../live/services.js';
import { vnicMacAddress } from '../render/system-identity.js';
import type { TrapNotification } from '../traps/notification.js';
import { toNetSnmpTrap } from './trap-varbinds.js';

export interface TrapSender {
  /** Sends one notification; never throws, a trap that cannot go is counted as failed. */
  send(notification: TrapNotification): void;
  sent(): number;
  failed(): number;
  /** Waits for the traps under way, then closes every session. */
  close(): Promise<void>;
}

/** The v2c community a router's traps carry. */
export function v2cCommunity(community: string, hostname: string): string {
  return `${community}@${hostname}`;
}

/**
 * The router's SNMP engine ID, hex, in the form `show snmp engineID` prints for IOS's default one
 * (`800000090300046C9D014D00`): enterprise 9 with the RFC 3411 format bit, format 3 (MAC address), then a MAC
 * address, here its first interface's.
 */
export function routerEngineId(hostname: string): string {
  return `800000090300${vnicMacAddress(hostname, 1).replaceAll('.', '')}`;
}

/** The v3 user of the lab's SNMP settings, as net-snmp takes it. */
export function v3User(v3: LabEmitSettings['snmp']['v3']): snmp.User {
  return {
    name: v3.user,
    level: snmp.SecurityLevel.authPriv,
    authProtocol: snmp.AuthProtocols.sha,
    authKey: v3.authKey,
    privProtocol: snmp.PrivProtocols.aes,
    privKey: v3.privKey,
  };
}

export function createTrapSender(receiver: TrapReceiver, snmpSettings: LabEmitSettings['snmp']): TrapSender {
  const sessions = new Map<string, snmp.Session>();
  let sent = 0;
  let failed = 0;
  let underway = 0;
  let closing: Promise<void> | null = null;
  let settle: (() => void) | null = null;

  function sessionOf(hostname: string): snmp.Session {
    let session = sessions.get(hostname);
    if (!session) {
      const transport = isIPv6(receiver.host) ? 'udp6' : 'udp4';
      session =
        receiver.version === '2c'
          ? snmp.createSession(receiver.host, v2cCommunity(snmpSettings.community, hostname), {
              version: snmp.Version2c,
              transport,
              trapPort: receiver.port,
            })
          : snmp.createV3Session(receiver.host, v3User(snmpSettings.v3), {
              transport,
              trapPort: receiver.port,
              engineID: routerEngineId(hostname),
              context: hostname,
            });
      session.on('error', () => {
        failed += 1;
      });
      sessions.set(hostname, session);
    }
    return session;
  }

  function finished(error: Error | null): void {
    if (error) failed += 1;
    else sent += 1;
    underway -= 1;
    if (underway === 0) settle?.();
  }

  function closeSessions(): void {
    for (const session of sessions.values()) session.close();
    sessions.clear();
  }

  return {
    send(notification) {
      if (closing) {
        failed += 1;
        return;
      }
      let trap;
      try {
        trap = toNetSnmpTrap(notification);
      } catch {
        failed += 1;
        return;
      }
      // trap() reads an upTime of 0 as "none given" and sends the process's own uptime instead.
      const options: snmp.TrapOptions & { context: string } = {
        upTime: Math.max(1, trap.upTime),
        context: notification.router,
      };
      underway += 1;
      sessionOf(notification.router).trap(trap.trapOid, trap.varbinds, options, finished);
    },
    sent: () => sent,
    failed: () => failed,
    close() {
      closing ??= new Promise<void>((resolve) => {
        settle = () => {
          closeSessions();
          resolve();
        };
        if (underway === 0) settle();
      });
      return closing;
    },
  };
}
