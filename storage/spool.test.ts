import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sample } from '../model/sample.js';
import { DiskSpool } from './spool.js';

const sample = (time: number): Sample => ({
  measurement: 'm',
  tags: { device: 'r1' },
  fields: { v: time },
  time,
});

describe('DiskSpool', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spool-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replays batches in the order they were spooled, then empties its files', async () => {
    const spool = new DiskSpool(dir);
    spool.append([sample(1), sample(2)]);
    spool.append([sample(3)]);
    expect(spool.sampleCount).toBe(3);
    const written: number[] = [];
    expect(await spool.replay(async (samples) => void written.push(...samples.map((s) => s.time)))).toBe(2);
    expect(written).toEqual([1, 2, 3]);
    expect(spool.size).toBe(0);
    expect(readFileSync(join(dir, 'batches.jsonl'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'done.jsonl'), 'utf8')).toBe('');
  });

  it('stops at the first failure and resumes there, in a new process too', async () => {
    const spool = new DiskSpool(dir);
    for (const time of [1, 2, 3]) spool.append([sample(time)]);
    const written: number[] = [];
    const failOn3 = async (samples: readonly Sample[]) => {
      if (samples[0]!.time === 3) throw new Error('store down');
      written.push(samples[0]!.time);
    };
    await expect(spool.replay(failOn3)).rejects.toThrow('store down');
    expect(written).toEqual([1, 2]);

    const reopened = new DiskSpool(dir);
    expect(reopened.size).toBe(1);
    await reopened.replay(async (samples) => void written.push(samples[0]!.time));
    expect(written).toEqual([1, 2, 3]);
  });

  it('cuts off a last line torn by a crash in the middle of an append, and appends after it', async () => {
    const spool = new DiskSpool(dir);
    spool.append([sample(1)]);
    appendFileSync(join(dir, 'batches.jsonl'), '{"id":"x","samples":[{"meas');
    const reopened = new DiskSpool(dir);
    expect(reopened.size).toBe(1);
    reopened.append([sample(2)]);
    const again = new DiskSpool(dir);
    const written: number[] = [];
    await again.replay(async (samples) => void written.push(...samples.map((s) => s.time)));
    expect(written).toEqual([1, 2]);
  });

  it('reads batches larger than its read chunk back whole', async () => {
    const spool = new DiskSpool(dir);
    const big = Array.from({ length: 20_000 }, (_, i) => sample(i));
    spool.append([sample(-1)]);
    spool.append(big);
    const reopened = new DiskSpool(dir);
    expect(reopened.sampleCount).toBe(20_001);
    const sizes: number[] = [];
    await reopened.replay(async (samples) => void sizes.push(samples.length));
    expect(sizes).toEqual([1, 20_000]);
  });

  it('keeps a batch whose write succeeded but was not marked done, to be sent again', async () => {
    const spool = new DiskSpool(dir);
    spool.append([sample(1)]);
    // The process stops after the store accepted the batch, before markDone: a new process sends it again.
    const reopened = new DiskSpool(dir);
    expect(reopened.peek()!.samples).toEqual([sample(1)]);
    expect(() => reopened.markDone('not-the-oldest')).toThrow();
  });
});
