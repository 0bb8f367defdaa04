import { describe, expect, it } from 'vitest';
import { LiveClock } from './clock.js';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);

function wallAt(ms: number): { wall: () => number; set(to: number): void } {
  let now = ms;
  return { wall: () => now, set: (to) => (now = to) };
}

describe('the live lab clock', () => {
  it('runs at its speed from the wall time of second 0', () => {
    const wall = wallAt(START);
    const clock = new LiveClock(START, 10, wall.wall);
    expect(clock.now()).toBe(0);
    wall.set(START + 1500);
    expect(clock.now()).toBe(15);
    expect(clock.second()).toBe(15);
    expect(clock.wallMsAt(15)).toBe(START + 15_000);
  });

  it('keeps its second when the speed changes, and jumps forward with advance()', () => {
    const wall = wallAt(START);
    const clock = new LiveClock(START, 1, wall.wall);
    wall.set(START + 10_000);
    clock.setSpeed(100);
    expect(clock.now()).toBe(10);
    wall.set(START + 11_000);
    expect(clock.now()).toBe(110);
    clock.advance(3600);
    expect(clock.now()).toBe(3710);
    clock.setSpeed(0);
    wall.set(START + 60_000);
    expect(clock.status()).toEqual({ atSeconds: 3710, speed: 0, startWallMs: START });
  });

  it('never runs backwards, whatever the wall clock does', () => {
    const wall = wallAt(START + 5000);
    const clock = new LiveClock(START, 1, wall.wall);
    expect(clock.now()).toBe(5);
    wall.set(START + 2000);
    expect(clock.now()).toBe(5);
  });

  it('refuses a negative speed or a step back', () => {
    const clock = new LiveClock(START, 1);
    expect(() => clock.setSpeed(-1)).toThrow(/0 \(paused\) or a positive number/);
    expect(() => clock.advance(-5)).toThrow(/only moves forward/);
  });
});
