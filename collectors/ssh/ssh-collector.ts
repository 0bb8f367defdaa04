// Runs commands on many routers over persistent sessions: one session per device (its commands never overlap), a
// global limit on devices worked at once, and a growing pause before reconnecting to a device that failed.

import pLimit, { type LimitFunction } from 'p-limit';
import type { InventoryDevice } from '../inventory/device.js';
import { SshSessionError } from './errors.js';
import { IosSession, type CommandRun, type SessionOptions } from './ios-session.js';
import type { KnownHosts } from './known-hosts.js';
import { ForbiddenCommandError } from './read-only.js';

export interface SshCollectorOptions {
  knownHosts: KnownHosts;
  /** Devices worked at once. */
  concurrency: number;
  connectTimeoutMs?: number;
  /** Pause before the first reconnection attempt after a failure; it doubles up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A new connection for every poll instead of a persistent session (what most scrapers do). */
  reconnectEachPoll?: boolean;
}

export interface DeviceRun {
  runs: CommandRun[];
  errors: { command?: string; message: string }[];
}

interface DeviceSlot {
  session: IosSession | null;
  /** The device's commands run one after another. */
  queue: Promise<unknown>;
  failures: number;
  retryAt: number;
  lastError: string;
}

export class SshCollector {
  private readonly slots = new Map<string, DeviceSlot>();
  private readonly limit: LimitFunction;

  constructor(private readonly options: SshCollectorOptions) {
    this.limit = pLimit(options.concurrency);
  }

  /** Runs the commands in order on the device; failures are reported per command, never thrown. */
  run(device: InventoryDevice, commands: readonly string[]): Promise<DeviceRun> {
    const slot = this.slot(device.name);
    const work = slot.queue.then(() => this.limit(() => this.runOn(device, slot, commands)));
    slot.queue = work.catch(() => undefined);
    return work;
  }

  private slot(name: string): DeviceSlot {
    let slot = this.slots.get(name);
    if (!slot) {
      slot = { session: null, queue: Promise.resolve(), failures: 0, retryAt: 0, lastError: '' };
      this.slots.set(name, slot);
    }
    return slot;
  }

  private async runOn(
    device: InventoryDevice,
    slot: DeviceSlot,
    commands: readonly string[],
  ): Promise<DeviceRun> {
    const result: DeviceRun = { runs: [], errors: [] };
    let reconnected = false;
    for (let index = 0; index < commands.length;) {
      const command = commands[index]!;
      try {
        const session = await this.session(device, slot);
        result.runs.push(await session.run(command));
        index += 1;
      } catch (error) {
        if (error instanceof ForbiddenCommandError) {
          result.errors.push({ command, message: error.message });
          index += 1;
          continue;
        }
        this.failed(slot, error as Error);
        const sessionLost = error instanceof SshSessionError && error.kind !== 'timeout' && !reconnected;
        // A session that dropped mid-poll gets one fresh connection for the rest; a hung command is given up.
        if (sessionLost && result.runs.length > 0) {
          reconnected = true;
          slot.retryAt = 0;
          continue;
        }
        result.errors.push({ command, message: (error as Error).message });
        if (!(error instanceof SshSessionError) || error.kind !== 'timeout') {
          for (const skipped of commands.slice(index + 1))
            result.errors.push({
              command: skipped,
              message: `${device.name}: not run: ${(error as Error).message}`,
            });
          break;
        }
        index += 1;
      }
    }
    if (this.options.reconnectEachPoll) this.drop(slot);
    return result;
  }

  private async session(device: InventoryDevice, slot: DeviceSlot): Promise<IosSession> {
    if (slot.session?.isOpen) return slot.session;
    const wait = slot.retryAt - Date.now();
    if (wait > 0) {
      throw new SshSessionError(
        device.name,
        'unreachable',
        `not reconnecting for another ${Math.ceil(wait / 1000)} s after ${slot.failures} failure(s); last: ${slot.lastError}`,
      );
    }
    const options: SessionOptions = { knownHosts: this.options.knownHosts };
    if (this.options.connectTimeoutMs !== undefined) options.connectTimeoutMs = this.options.connectTimeoutMs;
    slot.session = await IosSession.open(
      {
        device: device.name,
        host: device.host,
        port: device.port,
        username: device.username,
        password: () => device.password.reveal(),
        enableSecret: device.enableSecret ? () => device.enableSecret!.reveal() : null,
        legacySsh: device.legacySsh,
        commandTimeoutMs: device.commandTimeoutSeconds * 1000,
      },
      options,
    );
    slot.failures = 0;
    return slot.session;
  }

  private failed(slot: DeviceSlot, error: Error): void {
    this.drop(slot);
    slot.failures += 1;
    slot.lastError = error.message;
    const initial = this.options.initialBackoffMs ?? 1_000;
    const max = this.options.maxBackoffMs ?? 300_000;
    slot.retryAt = Date.now() + Math.min(max, initial * 2 ** (slot.failures - 1));
  }

  private drop(slot: DeviceSlot): void {
    slot.session?.close();
    slot.session = null;
  }

  /** Closes every session. */
  close(): void {
    for (const slot of this.slots.values()) this.drop(slot);
  }
}
