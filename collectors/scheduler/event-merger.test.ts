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

  it('matches a log message by its arrival when the router clock is minutes off', () => {
    const merger = new TunnelEventMerger(120_000);
    const logged = { ...edge('syslog', 'DOWN', 900_000), receivedAt: 1_000 };
    expect(merger.accept([logged])).toEqual([logged]);
    expect(merger.accept([edge('trap', 'DOWN', 1_100)])).toEqual([]);
  });

  it('sees no edge in a change that stays on one side, as a tunnel coming up layer by layer', () => {
    const merger = new TunnelEventMerger(120_000);
    expect(merger.accept([edge('syslog', 'UP', 1_000)])).toHaveLength(1);
    const between = { ...edge('poll', 'NHRP', 1_500), from: 'INTF' };
    expect(merger.accept([between, edge('syslog', 'UP', 2_000)])).toEqual([]);
  });
});
