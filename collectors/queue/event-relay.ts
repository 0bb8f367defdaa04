// Syslog and trap receivers on a node other than the server's: the tunnel edges they hear go onto the tunnel-event
// queue as they come, and the server's merger removes the repeats.

import type { RedisOptions } from 'bullmq';
import type { InventoryDevice } from '../inventory/device.js';
import { startTrapReceiver, type RunningTrapReceiver } from '../snmp/trap-receiver.js';
import { tunnelEventFromTrap } from '../snmp/trap-events.js';
import { startSyslogReceiver, type RunningSyslogReceiver } from '../syslog/receiver.js';
import { tunnelEventFromSyslog } from '../syslog/tunnel-events.js';
import type { WatchSettings } from '../scheduler/watcher.js';
import { tunnelEventPublisher } from './tunnel-event-queue.js';

export interface EventRelaySettings extends Pick<WatchSettings, 'syslog' | 'traps'> {
  connection: RedisOptions;
  devices: readonly InventoryDevice[];
  onError(error: Error): void;
}

export interface RunningEventRelay {
  ports(): { syslogUdp: number; syslogTcp: number; traps: number };
  close(): Promise<void>;
}

export async function startEventRelay(settings: EventRelaySettings): Promise<RunningEventRelay> {
  const publisher = tunnelEventPublisher(settings.connection, settings.onError);
  const byAddress = new Map(settings.devices.map((device) => [device.host, device.name]));
  const deviceByAddress = (address: string): string | undefined => byAddress.get(address);
  const relay = (event: ReturnType<typeof tunnelEventFromSyslog>): void => {
    if (event) publisher.publish([event]).catch(settings.onError);
  };
  let syslog: RunningSyslogReceiver | null = null;
  let traps: RunningTrapReceiver | null = null;
  if (settings.syslog)
    syslog = await startSyslogReceiver({
      ...settings.syslog,
      deviceByAddress,
      onMessage: (message) => relay(tunnelEventFromSyslog(message)),
    });
  if (settings.traps)
    traps = await startTrapReceiver({
      ...settings.traps,
      deviceByAddress,
      onNotification: (notification) => relay(tunnelEventFromTrap(notification)),
    });
  return {
    ports: () => ({
      syslogUdp: syslog?.udpPort ?? 0,
      syslogTcp: syslog?.tcpPort ?? 0,
      traps: traps?.port ?? 0,
    }),
    async close() {
      await Promise.all([syslog?.close(), traps?.close()]);
      await publisher.close();
    },
  };
}
