// The registration clock and the hub's NHRP checks: periodic refreshes, the retransmit backoff of an unanswered
// request, and the order in which the hub refuses a registration.

import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../network/build.js';
import {
  nextPeriodic,
  nhrpRejection,
  periodicBefore,
  registrationInterval,
  retriesBefore,
  retryTimes,
} from './nhrp.js';

describe('the registration clock', () => {
  it('refreshes every third of the holdtime unless told otherwise', () => {
    const tunnel = buildNetwork({ spokes: 1 }).routers[1]!.tunnels[0]!;
    expect(registrationInterval(tunnel)).toBe(100);
    tunnel.nhrp.registrationTimeoutSeconds = 90;
    expect(registrationInterval(tunnel)).toBe(90);
    expect(periodicBefore(10, 100, 10)).toBe(0);
    expect(periodicBefore(10, 100, 10.5)).toBe(1);
    expect(periodicBefore(10, 100, 311)).toBe(4);
    expect(nextPeriodic(10, 100, 150)).toBe(210);
  });

  it('retransmits an unanswered request after 1, 2, 4 ... 32 s, then every 64 s', () => {
    expect(retryTimes(0, 0, 200, 100)).toEqual([0, 1, 3, 7, 15, 31, 63, 127, 191]);
    expect(retriesBefore(0, 64)).toBe(7);
    expect(retriesBefore(0, 128)).toBe(8);
    expect(retryTimes(0, 0, 200, 2)).toEqual([127, 191]);
  });
});

describe('the hub refusing a registration', () => {
  it('checks the GRE key, then its network-id, then authentication, then the NHS address', () => {
    const network = buildNetwork({ spokes: 1 });
    const hub = network.routers[0]!.tunnels[0]!;
    const spoke = network.routers[1]!.tunnels[0]!;
    expect(nhrpRejection(spoke, '10.0.0.1', hub)).toBeNull();
    expect(nhrpRejection(spoke, '10.0.0.254', hub)).toBe('wrong-nhs');
    spoke.nhrp.authentication = 'other';
    expect(nhrpRejection(spoke, '10.0.0.254', hub)).toBe('auth');
    hub.nhrp.networkId = null;
    expect(nhrpRejection(spoke, '10.0.0.1', hub)).toBe('netid-hub');
    spoke.key = 7;
    expect(nhrpRejection(spoke, '10.0.0.1', hub)).toBe('tunnel-key');
    // Different network-ids are not a fault: the value is local.
    const fresh = buildNetwork({ spokes: 1 });
    fresh.routers[1]!.tunnels[0]!.nhrp.networkId = 5;
    expect(
      nhrpRejection(fresh.routers[1]!.tunnels[0]!, '10.0.0.1', fresh.routers[0]!.tunnels[0]!),
    ).toBeNull();
  });
});
