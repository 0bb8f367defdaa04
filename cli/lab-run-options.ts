// Reads the options of `dmvpn-watch lab` (a running lab) into the lab's settings, with errors that name the option.

import type { SyslogReceiver, TrapReceiver } from '../lab/live/services.js';
import type { LabRunInput } from '../lab/control/settings.js';
import { LabOptionError, parseLabOptions, type LabCliOptions } from './lab-options.js';

export interface LabRunCliOptions extends LabCliOptions {
  fault: string[];
  speed: string;
  sshPort: string;
  sshBasePort: string;
  snmpPort: string;
  syslog: string[];
  trap: string[];
  controlPort: string;
  inventoryOut?: string;
  dataDir: string;
}

export const LAB_RUN_DEFAULTS = {
  speed: '1',
  sshPort: '0',
  sshBasePort: '0',
  snmpPort: '0',
  controlPort: '0',
  dataDir: './data/lab',
};

function port(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < 0 || number > 65535) {
    throw new LabOptionError(`${flag} must be a port number, 0 (a free port) to 65535: ${value}`);
  }
  return number;
}

/** `HOST:PORT`, the host possibly an IPv6 address in brackets. */
function hostAndPort(flag: string, spec: string, rest: string): { host: string; port: number } {
  const colon = rest.lastIndexOf(':');
  const host = colon > 0 ? rest.slice(0, colon).replace(/^\[(.*)\]$/, '$1') : '';
  if (host === '') throw new LabOptionError(`${flag} ${spec}: give HOST:PORT after the kind`);
  const receiverPort = Number(rest.slice(colon + 1));
  if (!Number.isInteger(receiverPort) || receiverPort < 1 || receiverPort > 65535) {
    throw new LabOptionError(`${flag} ${spec}: the port must be 1 to 65535`);
  }
  return { host, port: receiverPort };
}

export function parseSyslogReceiver(spec: string): SyslogReceiver {
  const match = /^(udp|tcp):(.+)$/.exec(spec);
  if (!match) throw new LabOptionError(`--syslog ${spec}: write udp:HOST:PORT or tcp:HOST:PORT`);
  return { transport: match[1] as 'udp' | 'tcp', ...hostAndPort('--syslog', spec, match[2]!) };
}

export function parseTrapReceiver(spec: string): TrapReceiver {
  const match = /^(v2c|v3):(.+)$/.exec(spec);
  if (!match) throw new LabOptionError(`--trap ${spec}: write v2c:HOST:PORT or v3:HOST:PORT`);
  return { version: match[1] === 'v3' ? '3' : '2c', ...hostAndPort('--trap', spec, match[2]!) };
}

export function parseLabRunOptions(raw: LabRunCliOptions): LabRunInput {
  const speed = Number(raw.speed);
  if (raw.speed.trim() === '' || !Number.isFinite(speed) || speed <= 0 || speed > 86_400) {
    throw new LabOptionError(
      `--speed must be lab seconds per wall second, more than 0 and at most 86400: ${raw.speed}`,
    );
  }
  for (const spec of raw.fault) {
    if (!/^[^@\s]+(@[^@\s]+)?$/.test(spec))
      throw new LabOptionError(`--fault ${spec}: write ID or ID@DEVICE`);
  }
  return {
    network: parseLabOptions(raw),
    faults: raw.fault,
    speed,
    dataDir: raw.dataDir,
    ssh: { sharedPort: port('--ssh-port', raw.sshPort), basePort: port('--ssh-base-port', raw.sshBasePort) },
    snmp: { sharedPort: port('--snmp-port', raw.snmpPort) },
    syslog: raw.syslog.map(parseSyslogReceiver),
    traps: raw.trap.map(parseTrapReceiver),
    control: { port: port('--control-port', raw.controlPort) },
  };
}
