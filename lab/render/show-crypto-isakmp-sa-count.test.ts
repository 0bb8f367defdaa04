import { describe, expect, it } from 'vitest';
import type { IsakmpSaCount } from '../../model/records/ike.js';
import { HUB_NBMA, cryptoHub, ikeSa } from './crypto-test-routers.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowCryptoIsakmpSaCount } from './show-crypto-isakmp-sa-count.js';

function roundTrip(text: string) {
  return parseRendered<IsakmpSaCount>('show crypto isakmp sa count', text).map(
    ({ line: _line, ...count }) => count,
  );
}

describe('show crypto isakmp sa count round trip', () => {
  it('counts the IKEv1 SAs up, negotiating and deleted', () => {
    const hub = cryptoHub(10, 'v1');
    hub.ikeSas.push(
      ikeSa('v1', HUB_NBMA, '198.51.100.7', 3001, { state: 'MM_KEY_EXCH' }),
      ikeSa('v1', HUB_NBMA, '198.51.100.8', 3002, { state: 'MM_NO_STATE', status: 'ACTIVE (deleted)' }),
      ikeSa('v2', HUB_NBMA, '198.51.100.9', 3003),
    );
    const v1 = hub.ikeSas.filter((sa) => sa.version === 'v1');
    const dead = v1.filter((sa) => sa.status.includes('deleted')).length;
    const active = v1.filter((sa) => sa.state === 'QM_IDLE' && !sa.status.includes('deleted')).length;
    expect(roundTrip(renderShowCryptoIsakmpSaCount(hub))).toEqual([
      {
        kind: 'isakmp_sa_count',
        active,
        standby: 0,
        negotiating: v1.length - active - dead,
        dead,
      },
    ]);
    expect(dead).toBeGreaterThan(0);
    expect(active).toBeGreaterThan(0);
  });

  it('counts no IKEv2 SA', () => {
    expect(roundTrip(renderShowCryptoIsakmpSaCount(cryptoHub(4, 'v2')))).toEqual([
      { kind: 'isakmp_sa_count', active: 0, standby: 0, negotiating: 0, dead: 0 },
    ]);
  });
});

describe('show crypto isakmp sa count format, against a real capture', () => {
  it('prints the capture line for line: four counts, an empty line between them', () => {
    const hub = cryptoHub(0, 'v1');
    hub.ikeSas = Array.from({ length: 450 }, (_, i) =>
      ikeSa('v1', HUB_NBMA, `198.51.${i >> 8}.${i & 255}`, 2000 + i, { status: 'ACTIVE (deleted)' }),
    );
    expect(renderShowCryptoIsakmpSaCount(hub).split('\n')).toEqual([
      ...captureLines('show_crypto_isakmp_sa_count', 'genie__golden_output_output.txt'),
      '',
    ]);
  });
});
