import { describe, expect, it } from 'vitest';
import type { TunnelEvent } from './finding.js';
import { mergeTunnelEvents, tunnelEventKey } from './tunnel-event-key.js';

const T0 = Date.UTC(2026, 0, 10);

const event = (
  from: string,
  to: string,
  at: number,
  source: TunnelEvent['source'],
  peer = '10.0.0.1',
): TunnelEvent => ({
  device: 'spoke7',
  interface: 'Tunnel0',
  peer,
  from,
  to,
  at,
  source,
});

describe('tunnel event keys', () => {
  it('names an edge by tunnel, states and time, not by source', () => {
    expect(tunnelEventKey(event('UP', 'DOWN', T0, 'trap'))).toBe(
      tunnelEventKey(event('UP', 'DOWN', T0, 'syslog')),
    );
    expect(tunnelEventKey(event('UP', 'DOWN', T0, 'trap'))).not.toBe(
      tunnelEventKey(event('UP', 'DOWN', T0 + 1, 'trap')),
    );
  });

  it('merges the three reports of one transition into the earliest', () => {
    const merged = mergeTunnelEvents(
      [
        event('UP', 'DOWN', T0 + 30_000, 'poll'),
        event('UP', 'DOWN', T0 + 400, 'trap'),
        event('UP', 'DOWN', T0, 'syslog'),
        event('UP', 'DOWN', T0, 'syslog', '10.0.0.2'),
      ],
      60_000,
    );
    expect(merged).toEqual([
      event('UP', 'DOWN', T0, 'syslog'),
      event('UP', 'DOWN', T0, 'syslog', '10.0.0.2'),
    ]);
  });

  it('keeps every edge of a flap, and a repeat outside the window', () => {
    const flap = [
      event('UP', 'DOWN', T0, 'syslog'),
      event('DOWN', 'UP', T0 + 1_000, 'syslog'),
      event('UP', 'DOWN', T0 + 2_000, 'syslog'),
      event('UP', 'DOWN', T0 + 2_500, 'trap'),
      event('UP', 'DOWN', T0 + 90_000, 'poll'),
    ];
    expect(mergeTunnelEvents(flap, 60_000).map((e) => [e.to, e.at])).toEqual([
      ['DOWN', T0],
      ['UP', T0 + 1_000],
      ['DOWN', T0 + 2_000],
      ['DOWN', T0 + 90_000],
    ]);
  });
});
