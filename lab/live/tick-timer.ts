// Runs the lab's ticks while someone listens: every interval of wall time, one window of the lab clock. A tick never
// overlaps the next; when computing takes longer than the interval the timer waits as long as it computed (the lab's
// own services keep half the CPU), and the next window covers everything since the last one.

import type { LabTick } from './types.js';

export type TickListener = (tick: LabTick) => void;

export class TickTimer {
  private timer: NodeJS.Timeout | null = null;
  /** A tick is being computed: the next is scheduled when it is done. */
  private running = false;
  private readonly listeners = new Set<TickListener>();

  constructor(
    private readonly intervalMs: number,
    /** Starts a new series of windows at the current second. */
    private readonly begin: () => void,
    /** The next window, or null when the lab clock has not moved a whole second. */
    private readonly next: () => Promise<LabTick | null>,
  ) {}

  subscribe(listener: TickListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1 && this.timer === null && !this.running) {
      this.begin();
      this.schedule(this.intervalMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  close(): void {
    this.stop();
    this.listeners.clear();
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.fire(), delayMs);
    this.timer.unref();
  }

  private async fire(): Promise<void> {
    this.timer = null;
    this.running = true;
    const started = performance.now();
    let tick: LabTick | null = null;
    try {
      tick = await this.next();
    } catch (error) {
      process.emitWarning(`a lab tick failed: ${String(error)}`);
    } finally {
      this.running = false;
    }
    if (tick) {
      for (const listener of [...this.listeners]) {
        try {
          listener(tick);
        } catch (error) {
          // One failing receiver must not stop the others or the clock.
          process.emitWarning(`a lab tick listener failed: ${String(error)}`);
        }
      }
    }
    if (this.listeners.size === 0 || this.timer !== null) return;
    const spent = performance.now() - started;
    this.schedule(Math.max(this.intervalMs - spent, spent >= this.intervalMs ? spent : 0));
  }
}
