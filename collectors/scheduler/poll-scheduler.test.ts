import { describe, expect, it } from 'vitest';
import type { InventoryDevice } from '../inventory/device.js';
import { Secret } from '../inventory/secret.js';
import { cronPattern, jitterMs, PollScheduler } from './poll-scheduler.js';

function device(name: string, pollIntervalSeconds: number): InventoryDevice {
  return {
    name,
    host: '127.0.0.1',
    port: 22,
    role: 'spoke',
    platform: 'iosxe',
    username: 'u',
    password: new Secret('p', 'inline'),
    enableSecret: null,
    legacySsh: false,
    snmp: null,
    pollIntervalSeconds,
    commandTimeoutSeconds: 5,
    extraCommands: [],
  };
}

describe('poll scheduler', () => {
  it('turns intervals into cron patterns and refuses one that does not divide a minute, hour or day', () => {
    expect(cronPattern(1)).toBe('*/1 * * * * *');
    expect(cronPattern(30)).toBe('*/30 * * * * *');
    expect(cronPattern(300)).toBe('0 */5 * * * *');
    expect(cronPattern(7200)).toBe('0 0 */2 * * *');
    expect(() => cronPattern(45 * 60)).toThrow(/2700 s does not divide a minute, an hour or a day/);
    expect(() => new PollScheduler([device('r1', 7)], { poll: async () => undefined })).toThrow(/7 s/);
  });

  it('spreads devices over a fifth of their interval, the same way on every start', () => {
    const offsets = Array.from({ length: 200 }, (_, index) => jitterMs(`spoke${index}`, 300, 0.2));
    expect(Math.max(...offsets)).toBeLessThan(60_000);
    expect(new Set(offsets).size).toBeGreaterThan(190);
    expect(jitterMs('spoke7', 300, 0.2)).toBe(jitterMs('spoke7', 300, 0.2));
  });

  it('polls each device every slot and never twice at once', async () => {
    const started: string[] = [];
    const skipped: string[] = [];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const scheduler = new PollScheduler([device('fast', 1), device('slow', 1)], {
      jitterFraction: 0,
      poll: async (polled) => {
        started.push(polled.name);
        if (polled.name === 'slow') await slow;
      },
      onSkip: (polled) => skipped.push(polled.name),
    });
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    scheduler.stop();
    release();
    await scheduler.drain();
    expect(started.filter((name) => name === 'fast').length).toBeGreaterThanOrEqual(2);
    expect(started.filter((name) => name === 'slow')).toEqual(['slow']);
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    expect(new Set(skipped)).toEqual(new Set(['slow']));
  });

  it('polls on demand, joining a poll that is already running', async () => {
    let polls = 0;
    let release: () => void = () => undefined;
    const scheduler = new PollScheduler([device('hub1', 300)], {
      poll: () => {
        polls += 1;
        return new Promise((resolve) => (release = resolve));
      },
    });
    const first = scheduler.pollNow('hub1');
    const second = scheduler.pollNow('hub1');
    release();
    await Promise.all([first, second]);
    expect(polls).toBe(1);
    await expect(scheduler.pollNow('nope')).rejects.toThrow('no device named "nope" in the inventory');
  });
});
