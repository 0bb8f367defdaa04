import { describe, expect, it } from 'vitest';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { detectCommand } from './registry/index.js';
import { showCryptoIsakmpSaCount } from './show-crypto-isakmp-sa-count.js';

describe('show crypto isakmp sa count', () => {
  it("gives genie's four counters from the real capture", () => {
    const upstream = loadUpstream('show_crypto_isakmp_sa_count', 'genie__golden_output') as Record<
      string,
      number
    >;
    const result = showCryptoIsakmpSaCount.parse(
      readCapture('show_crypto_isakmp_sa_count', 'genie__golden_output_output.txt'),
    );
    expect(result.warnings).toEqual([]);
    expect(result.records).toEqual([
      {
        kind: 'isakmp_sa_count',
        line: 1,
        active: upstream.active_isakmp_sas,
        standby: upstream.standby_isakmp_sas,
        negotiating: upstream.negotiating_isakmp_sas,
        dead: upstream.dead_isakmp_sas,
      },
    ]);
  });

  it('a hub whose spokes cannot finish phase 1 shows them negotiating, not active', () => {
    const result = showCryptoIsakmpSaCount.parse(
      "Active ISAKMP SA's: 12\n\nStandby ISAKMP SA's: 0\n\nCurrently being negotiated ISAKMP SA's: 37\n\nDead ISAKMP SA's: 3\n",
    );
    expect(result.records[0]).toMatchObject({ active: 12, standby: 0, negotiating: 37, dead: 3 });
  });

  it('`| include Active` keeps that counter and leaves the others unknown', () => {
    const result = showCryptoIsakmpSaCount.parse("Active ISAKMP SA's: 4\n", { filtered: true });
    expect(result.records).toEqual([
      { kind: 'isakmp_sa_count', line: 1, active: 4, standby: null, negotiating: null, dead: null },
    ]);
  });

  it('a counter it does not know, or a cut line, is a warning', () => {
    const result = showCryptoIsakmpSaCount.parse(
      "Active ISAKMP SA's: 4\nZombie ISAKMP SA's: 2\nDead ISAKMP SA\n",
    );
    expect(result.records[0]).toMatchObject({ active: 4 });
    expect(result.warnings.map((warning) => warning.line)).toEqual([2, 3]);
  });

  it('refusals, emptiness and garbage are errors', () => {
    expect(showCryptoIsakmpSaCount.parse('').error?.kind).toBe('empty');
    expect(
      showCryptoIsakmpSaCount.parse(
        "show crypto isakmp sa cont\n                      ^\n% Invalid input detected at '^' marker.\n",
      ).error?.kind,
    ).toBe('invalid-input');
    expect(showCryptoIsakmpSaCount.parse('nothing to see here\n').error?.kind).toBe('not-recognized');
  });

  it('is recognised from its output alone', () => {
    expect(detectCommand(readCapture('show_crypto_isakmp_sa_count', 'genie__golden_output_output.txt'))).toBe(
      showCryptoIsakmpSaCount,
    );
  });
});
