// An append-only disk spool of sample batches that a remote store could not take yet.
//
// `batches.jsonl` holds one `{ id, samples }` line per batch, in the order they were written; `done.jsonl` holds the
// id of each batch the store has since accepted. Every append is fsync'd before it returns. A replay sends the batches
// not marked done, oldest first, and marks each one after the store accepts it; once all are done both files are
// emptied. A crash between the store's answer and the mark resends that batch: InfluxDB keeps one point per series
// and time, so a resent batch overwrites its own points with the same values and nothing is doubled.
// Only an index (id, place in the file, sample count) stays in memory: a long outage costs disk, not memory.

import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '../model/sample.js';

export interface SpooledBatch {
  id: string;
  samples: Sample[];
}

interface BatchPlace {
  id: string;
  offset: number;
  length: number;
  sampleCount: number;
}

const NEWLINE = 0x0a;
const CHUNK_BYTES = 1 << 20;

/**
 * Calls `visit` with each complete line of a file and its byte offset, and cuts off an unfinished last line (an append
 * torn by a crash), so that the next append starts on a line of its own.
 */
function scanLines(path: string, visit: (line: Buffer, offset: number) => void): number {
  const fd = openSync(path, 'a+');
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    let carryOffset = 0;
    for (let position = 0; ;) {
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, position);
      if (read === 0) break;
      position += read;
      const data = Buffer.concat([carry, chunk.subarray(0, read)]);
      let start = 0;
      for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, start)) {
        visit(data.subarray(start, end), carryOffset + start);
        start = end + 1;
      }
      carryOffset += start;
      carry = Buffer.from(data.subarray(start));
    }
    if (carry.length > 0) {
      truncateSync(path, carryOffset);
      fsyncSync(fd);
    }
    return carryOffset;
  } finally {
    closeSync(fd);
  }
}

function parseLine<T>(path: string, line: Buffer, offset: number): T {
  try {
    return JSON.parse(line.toString('utf8')) as T;
  } catch {
    throw new Error(`${path}: unreadable line at byte ${offset}`);
  }
}

function appendDurably(path: string, line: string): number {
  const fd = openSync(path, 'a');
  try {
    const bytes = Buffer.from(`${line}\n`);
    writeSync(fd, bytes);
    fsyncSync(fd);
    return bytes.length;
  } finally {
    closeSync(fd);
  }
}

function readAt(path: string, offset: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, offset);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** Makes the creation of the spool files themselves durable. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class DiskSpool {
  private readonly batchesPath: string;
  private readonly donePath: string;
  private pending: BatchPlace[] = [];
  private end: number;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.batchesPath = join(dir, 'batches.jsonl');
    this.donePath = join(dir, 'done.jsonl');
    const done = new Set<string>();
    scanLines(this.donePath, (line, offset) => done.add(parseLine<string>(this.donePath, line, offset)));
    this.end = scanLines(this.batchesPath, (line, offset) => {
      const batch = parseLine<SpooledBatch>(this.batchesPath, line, offset);
      if (!done.has(batch.id))
        this.pending.push({ id: batch.id, offset, length: line.length, sampleCount: batch.samples.length });
    });
    syncDirectory(dir);
    if (this.pending.length === 0) this.clear();
  }

  get size(): number {
    return this.pending.length;
  }

  /** Samples waiting in the spool. */
  get sampleCount(): number {
    return this.pending.reduce((count, place) => count + place.sampleCount, 0);
  }

  append(samples: readonly Sample[]): string {
    const id = randomUUID();
    const line = JSON.stringify({ id, samples });
    const written = appendDurably(this.batchesPath, line);
    this.pending.push({ id, offset: this.end, length: written - 1, sampleCount: samples.length });
    this.end += written;
    return id;
  }

  /** The oldest batch not yet accepted by the store. */
  peek(): SpooledBatch | undefined {
    const place = this.pending[0];
    if (!place) return undefined;
    return JSON.parse(readAt(this.batchesPath, place.offset, place.length).toString('utf8')) as SpooledBatch;
  }

  /** Marks the oldest batch as accepted. */
  markDone(id: string): void {
    if (this.pending[0]?.id !== id) throw new Error(`spool batch ${id} is not the oldest pending batch`);
    appendDurably(this.donePath, JSON.stringify(id));
    this.pending.shift();
    if (this.pending.length === 0) this.clear();
  }

  /**
   * Sends every pending batch through `write`, oldest first, stopping at the first failure (which is rethrown, the
   * failed batch and those after it staying in the spool). Returns how many batches were sent.
   */
  async replay(write: (samples: readonly Sample[]) => Promise<void>): Promise<number> {
    let sent = 0;
    for (let batch = this.peek(); batch; batch = this.peek()) {
      await write(batch.samples);
      this.markDone(batch.id);
      sent++;
    }
    return sent;
  }

  // The batches file is emptied first: should the process stop in between, the ids left in `done.jsonl` are unique
  // and match no future batch.
  private clear(): void {
    truncateSync(this.batchesPath);
    truncateSync(this.donePath);
    this.end = 0;
  }
}
