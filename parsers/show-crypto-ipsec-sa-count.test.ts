import { describe, expect, it } from 'vitest';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showCryptoIpsecSaCount } from './show-crypto-ipsec-sa-count.js';

describe('show crypto ipsec sa count', () => {
  it('agrees with the values of genie', () => {
    const upstream = loadUpstream('show_crypto_ipsec_sa_count', 'genie__golden_output') as Record<
      string,
      number
    >;
    const result = showCryptoIpsecSaCount.parse(
      readCapture('show_crypto_ipsec_sa_count', 'genie__golden_output_output.txt'),
    );
    expect(result.records).toEqual([
      {
        kind: 'ipsec_sa_count',
        line: 1,
        total: upstream.ipsec_sa_total,
        active: upstream.active,
        rekeying: upstream.rekeying,
        unused: upstream.unused,
        invalid: upstream.invalid,
      },
    ]);
  });

  it('a hub in the middle of rekeying shows SAs rekeying and unused beside the active ones', () => {
    const result = showCryptoIpsecSaCount.parse(
      'IPsec SA total: 4012, active: 3998, rekeying: 10, unused: 4, invalid: 0\n',
    );
    expect(result.records[0]).toMatchObject({
      total: 4012,
      active: 3998,
      rekeying: 10,
      unused: 4,
      invalid: 0,
    });
    expect(result.warnings).toEqual([]);
  });

  it('an unknown count is a warning, the known counts of the line are kept', () => {
    const result = showCryptoIpsecSaCount.parse('IPsec SA total: 8, active: 8, standby: 2');
    expect(result.records[0]).toMatchObject({ total: 8, active: 8, rekeying: null });
    expect(result.warnings[0]!.reason).toBe('unknown count: standby: 2');
  });

  it('garbage, empty and refused outputs give a clear result', () => {
    expect(showCryptoIpsecSaCount.parse('').error?.kind).toBe('empty');
    expect(showCryptoIpsecSaCount.parse('whatever this is').error?.kind).toBe('not-recognized');
    const refused =
      "show crypto ipsec sa cont\n                     ^\n% Invalid input detected at '^' marker.";
    expect(showCryptoIpsecSaCount.parse(refused).error?.kind).toBe('invalid-input');
  });

  it('is found in the registry and detected from its output', () => {
    const resolution = resolveCommand('sh cry ips sa cou');
    expect(resolution.ok && resolution.command.parser).toBe(showCryptoIpsecSaCount);
    expect(detectCommand('IPsec SA total: 8, active: 8, rekeying: 0, unused: 0, invalid: 0')).toBe(
      showCryptoIpsecSaCount,
    );
  });
});
