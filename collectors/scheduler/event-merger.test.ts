import { describe, expect, it } from 'vitest';
import type { TunnelEvent } from '../../model/finding.js';
import { TunnelEventMerger } from './event-merger.js';

function edge(source: TunnelEvent['source'], to: string, at: number, iface = 'Tunnel0'): TunnelEvent {
  return {
    device: 'hub1',
    interface: iface,
    peer: '198.18.0.12',
    from: to === 'UP' ? 'DOWN' : 'UP',
    to,
    at,
    source,
  };
}

describe('tunnel event merger', () => {
  it('keeps one report of an edge that a log, a trap and a poll all saw', () => {
    const merger = new TunnelEventMerger(120_000);
    expect(merger.accept([edge('syslog', 'DOWN', 1_000), edge('trap', 'DOWN', 1_200, '')])).toEqual([
      edge('syslog', 'DOWN', 1_000),
    ]);
    expect(merger.accept([edge('poll', 'NHRP', 30_000)])).toEqual([]);
  });

  it('keeps every edge of a flap, and an edge seen again after the window', () => {
    const merger = new TunnelEventMerger(120_000);
    const flap = [edge('syslog', 'DOWN', 0), edge('syslog', 'UP', 45_000), edge('syslog', 'DOWN', 180_000)];
    expect(merger.accept(flap)).toEqual(flap);
    expect(merger.accept([edge('poll', 'DOWN', 400_000)])).toEqual([edge('poll', 'DOWN', 400_000)]);
  });
});
