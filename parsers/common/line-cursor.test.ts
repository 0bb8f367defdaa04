import { describe, expect, it } from 'vitest';
import { LineCursor } from './line-cursor.js';

describe('LineCursor', () => {
  it('reads an NHS line word by word and count by count', () => {
    const cursor = new LineCursor('  10.0.0.1  RE  priority = 0 req-sent 12 (00:00:05 ago)');
    expect(cursor.word()).toBe('10.0.0.1');
    expect(cursor.word()).toBe('RE');
    expect(cursor.take('priority =')).toBe(true);
    expect(cursor.count()).toBe(0);
    expect(cursor.take('cluster')).toBe(false);
    expect(cursor.take('req-sent')).toBe(true);
    expect(cursor.count()).toBe(12);
    expect(cursor.take('(')).toBe(true);
    expect(cursor.textUntil('ago)')).toBe('00:00:05');
    expect(cursor.done).toBe(true);
  });

  it('reads a counter name up to the next count, and does not move past what is not a count', () => {
    const cursor = new LineCursor('69 Resolution Request  73 Resolution Reply');
    expect(cursor.count()).toBe(69);
    expect(cursor.textBeforeDigit()).toBe('Resolution Request');
    expect(cursor.count()).toBe(73);
    expect(cursor.count()).toBeUndefined();
    expect(cursor.word()).toBe('Resolution');
    expect(cursor.textUntil(':')).toBeUndefined();
  });
});
