// The lab's routers on the wire as syslog clients and SNMP notification originators: every tick's log messages go
// to each syslog receiver, its traps to each trap receiver.

import type { LabEmitSettings, RunningService } from '../live/services.js';
import type { LabTick, LiveLab } from '../live/types.js';
import { formatSyslogLine } from './syslog-line.js';
import type { SyslogSender } from './syslog-sender.js';
import { createTcpSyslogSender, type TcpSyslogOptions } from './syslog-tcp.js';
import { createUdpSyslogSender } from './syslog-udp.js';
import { createTrapSender, type TrapSender } from './trap-sender.js';

export interface LabEmitStats {
  syslogLines: number;
  /** Per syslog receiver, in settings order. */
  syslogDropped: number[];
  traps: number;
  /** Per trap receiver, in settings order. */
  trapsSent: number[];
  trapsFailed: number[];
}

export interface LabEmitters extends RunningService {
  stats(): LabEmitStats;
}

export interface LabEmitOptions {
  tcp?: TcpSyslogOptions;
}

export function startLabEmitters(
  lab: LiveLab,
  settings: LabEmitSettings,
  options: LabEmitOptions = {},
): LabEmitters {
  const syslog: SyslogSender[] = settings.syslog.map((receiver) =>
    receiver.transport === 'tcp'
      ? createTcpSyslogSender(receiver, options.tcp)
      : createUdpSyslogSender(receiver),
  );
  const traps: TrapSender[] = settings.traps.map((receiver) => createTrapSender(receiver, settings.snmp));
  let syslogLines = 0;
  let trapCount = 0;

  function emit(tick: LabTick): void {
    for (const message of tick.messages) {
      const line = formatSyslogLine(message);
      syslogLines += 1;
      for (const sender of syslog) sender.send(line);
    }
    for (const notification of tick.traps) {
      trapCount += 1;
      for (const sender of traps) sender.send(notification);
    }
  }

  const unsubscribe = lab.onTick(emit);
  let closing: Promise<void> | null = null;

  return {
    stats: () => ({
      syslogLines,
      syslogDropped: syslog.map((sender) => sender.dropped()),
      traps: trapCount,
      trapsSent: traps.map((sender) => sender.sent()),
      trapsFailed: traps.map((sender) => sender.failed()),
    }),
    close() {
      closing ??= (async () => {
        unsubscribe();
        await Promise.all([...syslog, ...traps].map((sender) => sender.close()));
      })();
      return closing;
    },
  };
}
