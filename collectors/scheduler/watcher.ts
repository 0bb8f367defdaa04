// The collection daemon's core: polls every device of the inventory on its schedule over SSH (and SNMP when the
// device has it), listens for syslog and traps, and hands on snapshots and tunnel edges (merged across sources).
// Where they go (the stores, the API) is the caller's: the watcher knows no storage.

import type { TunnelEvent } from '../../model/finding.js';
import type { SnmpPollResult } from '../../model/snmp.js';
import type { DeviceSnapshot } from '../../model/snapshot.js';
import type { Inventory } from '../inventory/load.js';
import { QueuePollScheduler, type QueuePollSchedulerOptions } from '../queue/queue-poll-scheduler.js';
import { consumeTunnelEvents, type TunnelEventConsumer } from '../queue/tunnel-event-queue.js';
import type { TrapUser } from '../snmp/trap-receiver.js';
import { startTrapReceiver, type RunningTrapReceiver } from '../snmp/trap-receiver.js';
import { tunnelEventFromTrap } from '../snmp/trap-events.js';
import { pollSnmp } from '../snmp/poller.js';
import { startSyslogReceiver, type RunningSyslogReceiver } from '../syslog/receiver.js';
import { tunnelEventFromSyslog } from '../syslog/tunnel-events.js';
import type { KnownHosts } from '../ssh/known-hosts.js';
import { SshCollector } from '../ssh/ssh-collector.js';
import { TunnelEventMerger } from './event-merger.js';
import { tunnelEventsBetween } from './poll-events.js';
import { pollJobFor, runPollJob } from './poll-job.js';
import { PollScheduler } from './poll-scheduler.js';
import { snmpTunnelEventsBetween } from './snmp-events.js';

export interface WatchSinks {
  /** A device's poll is complete (its SNMP poll too, when it has SNMP). */
  onPoll(poll: { snapshot: DeviceSnapshot; snmp: SnmpPollResult | null; slot: number }): void | Promise<void>;
  /** New tunnel edges, repeats already removed. */
  onEvents(events: TunnelEvent[]): void | Promise<void>;
  /** A listener or sink failed; the watcher carries on. */
  onError(error: Error, context: string): void;
}

export interface WatchSettings {
  inventory: Inventory;
  knownHosts: KnownHosts;
  /** Devices polled at once. */
  concurrency: number;
  syslog: { host: string; udpPort: number | null; tcpPort: number | null } | null;
  traps: { host: string; port: number; communities: string[]; users: TrapUser[] } | null;
  /** Poll every device once at start instead of waiting for its first slot. */
  pollAtStart: boolean;
  /** Poll through collector workers on a queue (and hear their receivers' events there) instead of in process. */
  queue?: Pick<QueuePollSchedulerOptions, 'connection' | 'maxBacklog' | 'attempts' | 'backoffMs'> | null;
}

export class Watcher {
  private readonly ssh: SshCollector;
  private readonly scheduler: PollScheduler | QueuePollScheduler;
  private queuedEvents: TunnelEventConsumer | null = null;
  private readonly merger = new TunnelEventMerger();
  private readonly previous = new Map<string, DeviceSnapshot>();
  private readonly previousSnmp = new Map<string, SnmpPollResult>();
  private syslog: RunningSyslogReceiver | null = null;
  private traps: RunningTrapReceiver | null = null;
  private readonly byAddress: Map<string, string>;

  private constructor(
    private readonly settings: WatchSettings,
    private readonly sinks: WatchSinks,
  ) {
    this.ssh = new SshCollector({ knownHosts: settings.knownHosts, concurrency: settings.concurrency });
    this.byAddress = new Map(settings.inventory.devices.map((device) => [device.host, device.name]));
    const byName = new Map(settings.inventory.devices.map((device) => [device.name, device]));
    this.scheduler = settings.queue
      ? new QueuePollScheduler(settings.inventory.devices, {
          ...settings.queue,
          onResult: (device, { snapshot, snmp, slot }) => this.accept(device, snapshot, snmp, slot),
          onError: (error) => sinks.onError(error, 'poll queue'),
        })
      : new PollScheduler(settings.inventory.devices, {
          poll: (device, slot) => this.poll(byName.get(device.name)!, slot),
          onSkip: (device) =>
            sinks.onError(
              new Error(`${device.name}: a poll slot came while the last poll was still running`),
              'poll',
            ),
        });
  }

  static async start(settings: WatchSettings, sinks: WatchSinks): Promise<Watcher> {
    const watcher = new Watcher(settings, sinks);
    await watcher.listen();
    if (settings.queue && watcher.scheduler instanceof QueuePollScheduler) {
      await watcher.scheduler.ready();
      watcher.queuedEvents = await consumeTunnelEvents(
        settings.queue.connection,
        (events) => watcher.emit(events),
        (error) => sinks.onError(error, 'tunnel event queue'),
      );
    }
    watcher.scheduler.start();
    if (settings.pollAtStart)
      for (const device of settings.inventory.devices) void watcher.pollNow(device.name);
    return watcher;
  }

  /** Where syslog and traps are heard (0 when not listening). */
  ports(): { syslogUdp: number; syslogTcp: number; traps: number } {
    return {
      syslogUdp: this.syslog?.udpPort ?? 0,
      syslogTcp: this.syslog?.tcpPort ?? 0,
      traps: this.traps?.port ?? 0,
    };
  }

  private deviceByAddress = (address: string): string | undefined => this.byAddress.get(address);

  private async listen(): Promise<void> {
    const { syslog, traps } = this.settings;
    if (syslog) {
      this.syslog = await startSyslogReceiver({
        ...syslog,
        deviceByAddress: this.deviceByAddress,
        onMessage: (message) => {
          const event = tunnelEventFromSyslog(message);
          if (event) this.emit([event]);
        },
      });
    }
    if (traps) {
      this.traps = await startTrapReceiver({
        ...traps,
        deviceByAddress: this.deviceByAddress,
        onNotification: (notification) => {
          const event = tunnelEventFromTrap(notification);
          if (event) this.emit([event]);
        },
      });
    }
  }

  private emit(events: TunnelEvent[]): void {
    const fresh = this.merger.accept(events);
    if (fresh.length === 0) return;
    Promise.resolve(this.sinks.onEvents(fresh)).catch((error: Error) => this.sinks.onError(error, 'events'));
  }

  private async poll(device: Inventory['devices'][number], slot: number): Promise<void> {
    const [snapshot, snmp] = await Promise.all([
      runPollJob(pollJobFor(device), device, this.ssh),
      device.snmp ? pollSnmp(device) : Promise.resolve(null),
    ]);
    await this.accept(device, snapshot, snmp, slot);
  }

  /** A poll's result, from this process or a worker: edges from the last poll, then the sinks. */
  private async accept(
    device: Inventory['devices'][number],
    snapshot: DeviceSnapshot,
    snmp: SnmpPollResult | null,
    slot: number,
  ): Promise<void> {
    // A retried queue job can finish after a later one: edges come only from polls in their order.
    const last = this.previous.get(device.name) ?? null;
    const inOrder = !last || last.collectedAt <= snapshot.collectedAt;
    const events = inOrder ? tunnelEventsBetween(last, snapshot) : [];
    if (inOrder && snapshot.outputs.length > 0) this.previous.set(device.name, snapshot);
    if (snmp && inOrder) {
      events.push(...snmpTunnelEventsBetween(this.previousSnmp.get(device.name) ?? null, snmp));
      // A poll with gaps would read as rows gone or times moved: the next one is compared with the last whole poll.
      if (snmp.errors.length === 0) this.previousSnmp.set(device.name, snmp);
    }
    try {
      await this.sinks.onPoll({ snapshot, snmp, slot });
    } catch (error) {
      this.sinks.onError(error as Error, `storing the poll of ${device.name}`);
    }
    this.emit(events);
  }

  pollNow(name: string): Promise<void> {
    return this.scheduler.pollNow(name);
  }

  /** Stops the schedule, waits for running polls, closes sessions and listeners. */
  async stop(): Promise<void> {
    this.scheduler.stop();
    await this.queuedEvents?.close();
    await this.scheduler.drain();
    this.ssh.close();
    await Promise.all([this.syslog?.close(), this.traps?.close()]);
  }
}
