// Polls every device on its interval: one cron task per interval, each device offset within its slot by a fixed
// jitter (so 5,000 spokes don't all log in at the same second), never two polls of one device at once, and polls on
// demand between the slots.

import { createHash } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { InventoryDevice } from '../inventory/device.js';

export interface PollScheduleOptions {
  poll(device: InventoryDevice, slot: number): Promise<void>;
  /** A slot came while the device's previous poll was still running. */
  onSkip?(device: InventoryDevice, slot: number): void;
  /** Share of the interval the start of a device's poll may move by (default 0.2). */
  jitterFraction?: number;
}

/** The cron pattern (with seconds) of an interval that divides a minute, an hour or a day. */
export function cronPattern(seconds: number): string {
  if (Number.isInteger(seconds) && seconds < 60 && 60 % seconds === 0) return `*/${seconds} * * * * *`;
  const minutes = seconds / 60;
  if (Number.isInteger(minutes) && minutes < 60 && 60 % minutes === 0) return `0 */${minutes} * * * *`;
  const hours = seconds / 3600;
  if (Number.isInteger(hours) && hours <= 24 && 24 % hours === 0) return `0 0 */${hours} * * *`;
  throw new Error(
    `a poll interval of ${seconds} s does not divide a minute, an hour or a day (use e.g. 30s, 1m, 5m, 15m, 1h)`,
  );
}

/** A device's fixed offset in its slot, from its name: the same on every restart. */
export function jitterMs(name: string, intervalSeconds: number, fraction: number): number {
  const spread = Math.floor(intervalSeconds * 1000 * fraction);
  if (spread <= 0) return 0;
  return createHash('sha1').update(name).digest().readUInt32BE(0) % spread;
}

export class PollScheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly byName: Map<string, InventoryDevice>;

  constructor(
    devices: readonly InventoryDevice[],
    private readonly options: PollScheduleOptions,
  ) {
    for (const device of devices) cronPattern(device.pollIntervalSeconds);
    this.byName = new Map(devices.map((device) => [device.name, device]));
  }

  start(): void {
    const byInterval = new Map<number, InventoryDevice[]>();
    for (const device of this.byName.values()) {
      const group = byInterval.get(device.pollIntervalSeconds) ?? [];
      group.push(device);
      byInterval.set(device.pollIntervalSeconds, group);
    }
    for (const [interval, devices] of byInterval) {
      const task = cron.schedule(
        cronPattern(interval),
        (context) => this.slotStarts(devices, interval, context.date),
        {
          name: `poll every ${interval} s`,
        },
      );
      this.tasks.push(task);
    }
  }

  private slotStarts(devices: InventoryDevice[], interval: number, at: Date): void {
    const slot = Math.floor(at.getTime() / 1000 / interval);
    for (const device of devices) {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          if (this.inFlight.has(device.name)) this.options.onSkip?.(device, slot);
          else void this.track(device, slot);
        },
        jitterMs(device.name, interval, this.options.jitterFraction ?? 0.2),
      );
      this.timers.add(timer);
    }
  }

  private track(device: InventoryDevice, slot: number): Promise<void> {
    const running = this.options
      .poll(device, slot)
      .catch(() => undefined)
      .finally(() => this.inFlight.delete(device.name));
    this.inFlight.set(device.name, running);
    return running;
  }

  /** Polls the device now, or waits for the poll already running. */
  pollNow(name: string): Promise<void> {
    const device = this.byName.get(name);
    if (!device) return Promise.reject(new Error(`no device named "${name}" in the inventory`));
    const slot = Math.floor(Date.now() / 1000 / device.pollIntervalSeconds);
    return this.inFlight.get(name) ?? this.track(device, slot);
  }

  /** Stops the slots; polls already running finish (await drain()). */
  stop(): void {
    for (const task of this.tasks) void task.destroy();
    this.tasks.length = 0;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight.values());
  }
}
