// The live lab's clock: lab seconds run at `speed` lab seconds per wall second from the wall time of lab second 0,
// plus whatever was skipped with advance(). It never runs backwards, whatever the wall clock does.

import type { LabClockStatus } from './types.js';

export type WallClock = () => number;

export class LiveClock {
  /** The lab second at `anchorWallMs`: the clock runs linearly from this anchor until the speed changes. */
  private anchorSeconds = 0;
  private anchorWallMs: number;
  private last = -Infinity;

  constructor(
    readonly startWallMs: number,
    private speed: number,
    private readonly wall: WallClock = Date.now,
  ) {
    checkSpeed(speed);
    this.anchorWallMs = startWallMs;
  }

  /** The current lab second (fractional). */
  now(): number {
    const running = this.anchorSeconds + ((this.wall() - this.anchorWallMs) / 1000) * this.speed;
    this.last = Math.max(this.last, running);
    return this.last;
  }

  /** The current whole lab second: the engine plays whole seconds. */
  second(): number {
    return Math.floor(this.now());
  }

  /** Continues from the current second at the new speed. */
  setSpeed(speed: number): void {
    checkSpeed(speed);
    this.anchorSeconds = this.now();
    this.anchorWallMs = this.wall();
    this.speed = speed;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new Error(`the lab clock only moves forward: cannot advance by ${seconds} seconds`);
    }
    this.anchorSeconds = this.now() + seconds;
    this.anchorWallMs = this.wall();
  }

  /** The wall-clock time the routers' own clocks show at a lab second. */
  wallMsAt(atSeconds: number): number {
    return this.startWallMs + Math.round(atSeconds * 1000);
  }

  status(): LabClockStatus {
    return { atSeconds: this.now(), speed: this.speed, startWallMs: this.startWallMs };
  }
}

function checkSpeed(speed: number): void {
  if (!Number.isFinite(speed) || speed < 0) {
    throw new Error(
      `the lab clock speed must be 0 (paused) or a positive number of lab seconds per wall second, not ${speed}`,
    );
  }
}
