// Phase 1 negotiation from two configs: where each kind of mismatch stops, and what each side is left holding.

import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../network/build.js';
import type { IkeTransport } from './ike.js';
import { deadPeerSeconds, negotiateIke, presharedKey } from './ike.js';

function routers(ike: 'v1' | 'v2' = 'v1') {
  const network = buildNetwork({ spokes: 1, ike });
  return { hub: network.routers[0]!, spoke: network.routers[1]! };
}

const open: IkeTransport = {
  initiatorAddress: '198.18.0.1',
  responderAddress: '203.0.113.1',
  natT: false,
  udp500: { there: true, back: true },
  udp4500: { there: true, back: true },
};

describe('negotiateIke', () => {
  it('agrees on the built policies (IKEv1) and proposal (IKEv2)', () => {
    const v1 = routers('v1');
    expect(negotiateIke(v1.spoke, v1.hub, open)).toMatchObject({
      ok: true,
      agreement: { version: 'v1', encryption: 'aes', keySize: 256, hash: 'sha256', dhGroup: 14, auth: 'psk' },
    });
    const v2 = routers('v2');
    expect(negotiateIke(v2.spoke, v2.hub, open)).toMatchObject({
      ok: true,
      agreement: { version: 'v2', encryption: 'AES-CBC', keySize: 256, hash: 'SHA256', auth: 'PSK' },
    });
  });

  it('stops at the first failing step with the states each side shows', () => {
    const cases: [string, (r: ReturnType<typeof routers>) => void, IkeTransport, object][] = [
      [
        'udp500 blocked',
        () => {},
        { ...open, udp500: { there: false, back: true } },
        { kind: 'ike-blocked', initiatorState: 'MM_NO_STATE', responderState: null },
      ],
      [
        'replies blocked',
        () => {},
        { ...open, udp500: { there: true, back: false } },
        { kind: 'ike-blocked', responderState: 'MM_NO_STATE' },
      ],
      [
        'policy',
        (r) => (r.spoke.isakmpPolicies[0]!.group = 5),
        open,
        { kind: 'policy', initiatorState: 'MM_NO_STATE' },
      ],
      [
        'psk',
        (r) => (r.hub.isakmpKeys[0]!.key = 'other'),
        open,
        {
          kind: 'psk',
          initiatorState: 'MM_KEY_EXCH',
          responderState: 'MM_KEY_EXCH',
          responderBadMessage: true,
        },
      ],
      [
        'no key here',
        (r) => (r.spoke.isakmpKeys = []),
        open,
        { kind: 'no-key-initiator', initiatorState: null },
      ],
      [
        'no key there',
        (r) => (r.hub.isakmpKeys = []),
        open,
        { kind: 'no-key-responder', initiatorState: 'MM_NO_STATE' },
      ],
      [
        'NAT-T blocked',
        () => {},
        { ...open, natT: true, udp4500: { there: false, back: true } },
        { kind: 'nat-t-blocked', initiatorState: 'MM_KEY_EXCH' },
      ],
      ['version', (r) => (r.hub.ikeVersion = 'v2'), open, { kind: 'version', initiatorState: 'MM_NO_STATE' }],
    ];
    for (const [name, change, transport, failure] of cases) {
      const r = routers();
      change(r);
      const outcome = negotiateIke(r.spoke, r.hub, transport);
      expect(outcome.ok, name).toBe(false);
      if (!outcome.ok) expect(outcome.failure, name).toMatchObject(failure);
    }
  });

  it('fails IKEv2 at IKE_SA_INIT on a proposal mismatch and at IKE_AUTH on a key mismatch', () => {
    const proposal = routers('v2');
    proposal.spoke.ikev2!.proposal.group = 19;
    expect(negotiateIke(proposal.spoke, proposal.hub, open)).toMatchObject({
      ok: false,
      failure: { kind: 'proposal', algorithmsAgreed: false },
    });
    const key = routers('v2');
    key.hub.ikev2!.keyring.peers[0]!.key = 'other';
    expect(negotiateIke(key.spoke, key.hub, open)).toMatchObject({
      ok: false,
      failure: { kind: 'psk', initiatorState: 'IN-NEG', algorithmsAgreed: true },
    });
  });

  it('picks the most specific key for a peer and knows the DPD time of each side', () => {
    const { spoke } = routers();
    spoke.isakmpKeys.push({ key: 'hub-only', address: '203.0.113.1', mask: '255.255.255.255' });
    expect(presharedKey(spoke, '203.0.113.1')).toBe('hub-only');
    expect(presharedKey(spoke, '198.18.0.9')).not.toBe('hub-only');
    expect(deadPeerSeconds(spoke)).toBe(40);
    spoke.isakmpKeepaliveSeconds = null;
    expect(deadPeerSeconds(spoke)).toBeNull();
    expect(deadPeerSeconds(routers('v2').spoke)).toBe(55);
  });
});
