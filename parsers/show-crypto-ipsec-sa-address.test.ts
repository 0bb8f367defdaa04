import { describe, expect, it } from 'vitest';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showCryptoIpsecSaAddress } from './show-crypto-ipsec-sa-address.js';

// No capture of this form is public in the fixtures: the layout follows the IOS command reference.
const OUTPUT = [
  'dest address: 10.2.80.161',
  '   protocol: AH',
  '      spi: 0x1B12B8BB(454211771)',
  '        transform: ah-md5-hmac ,',
  '        in use settings ={Tunnel, }',
  '        slot: 0, conn id: 2006, crypto map: test',
  '        sa timing: remaining key lifetime (k/sec): (4537954/2888)',
  '        replay detection support: Y',
  '        Status: ACTIVE',
  '   protocol: ESP',
  '      spi: 0x8A7D0A7D(2323516029)',
  '        transform: esp-des ,',
  '        in use settings ={Tunnel, }',
  '        slot: 0, conn id: 2007, crypto map: test',
  '        sa timing: remaining key lifetime (k/sec): (4537954/2888)',
  '        IV size: 8 bytes',
  '        replay detection support: Y',
  '        Status: ACTIVE',
  '',
  'dest address: 172.21.114.123',
  '   protocol: ESP',
  '      spi: 0x257A1039(628756537)',
  '        transform: esp-des ,',
  '        in use settings ={Tunnel, }',
  '        slot: 0, conn id: 2008, crypto map: test',
  '        sa timing: remaining key lifetime (k/sec): (4537955/2888)',
  '        IV size: 8 bytes',
  '        replay detection support: Y',
  '        Status: ACTIVE',
].join('\n');

describe('show crypto ipsec sa address', () => {
  it('groups the SAs by destination, with their protocol', () => {
    const result = showCryptoIpsecSaAddress.parse(OUTPUT);
    expect(result.warnings).toEqual([]);
    expect(
      result.records.map((record) => ({
        line: record.line,
        destination: record.destination,
        sas: record.sas.map(({ line, protocol, spi, connId, slot }) => ({
          line,
          protocol,
          spi,
          connId,
          slot,
        })),
      })),
    ).toEqual([
      {
        line: 1,
        destination: '10.2.80.161',
        sas: [
          { line: 3, protocol: 'ah', spi: '0x1B12B8BB', connId: 2006, slot: 0 },
          { line: 11, protocol: 'esp', spi: '0x8A7D0A7D', connId: 2007, slot: 0 },
        ],
      },
      {
        line: 20,
        destination: '172.21.114.123',
        sas: [{ line: 22, protocol: 'esp', spi: '0x257A1039', connId: 2008, slot: 0 }],
      },
    ]);
    expect(result.records[1]!.sas[0]).toMatchObject({
      transform: 'esp-des',
      mode: 'tunnel',
      remainingKilobytes: 4537955,
      remainingSeconds: 2888,
      ivSizeBytes: 8,
      replayDetection: true,
      status: 'ACTIVE',
    });
  });

  it('an SA line before any dest address warns, unless the output was filtered', () => {
    const text = '      spi: 0x257A1039(628756537)\n        Status: ACTIVE';
    expect(showCryptoIpsecSaAddress.parse(text).warnings.map((warning) => warning.line)).toEqual([1, 2]);
    expect(showCryptoIpsecSaAddress.parse(text, { filtered: true }).warnings).toEqual([]);
  });

  it('an unknown protocol is a warning, and its SAs are not filed under the previous one', () => {
    const text = 'dest address: 10.0.0.1\n   protocol: GRE\n      spi: 0x1(1)';
    const result = showCryptoIpsecSaAddress.parse(text);
    expect(result.records[0]!.sas).toEqual([]);
    expect(result.warnings.map((warning) => warning.line)).toEqual([2, 3]);
  });

  it('garbage and empty outputs give a clear result', () => {
    expect(showCryptoIpsecSaAddress.parse('').error?.kind).toBe('empty');
    expect(showCryptoIpsecSaAddress.parse('nothing\nhere').error?.kind).toBe('not-recognized');
  });

  it('is found in the registry and detected from its output', () => {
    const resolution = resolveCommand('sh cry ips sa add');
    expect(resolution.ok && resolution.command.parser).toBe(showCryptoIpsecSaAddress);
    expect(detectCommand(OUTPUT)).toBe(showCryptoIpsecSaAddress);
  });
});
