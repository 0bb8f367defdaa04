import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IkeSa } from '../../model/records/ike.js';
import type { IkeSaView, RouterState } from '../model/state.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import {
  HIGHER_SPOKE_NBMA,
  HUB_NBMA,
  LOWER_SPOKE_NBMA,
  SPOKE_NBMA,
  cryptoHub,
  cryptoSpoke,
  ikeSa,
  routerState,
} from './crypto-test-routers.js';
import {
  ISAKMP_SA_DETAIL_LEGEND,
  renderShowCryptoIsakmpSa,
  renderShowCryptoIsakmpSaDetail,
} from './show-crypto-isakmp-sa.js';

function parseBack(command: string, text: string): IkeSa[] {
  const resolved = resolveCommand(command);
  if (!resolved.ok) throw new Error(resolved.error);
  const result = resolved.command.parser.parse(text, { args: resolved.command.args });
  expect(result.error).toBeUndefined();
  expect(result.warnings).toEqual([]);
  return result.records as IkeSa[];
}

function captureLines(path: string): string[] {
  return readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8').split('\n');
}

/** Where each blank-separated column of a line starts. */
function columnStarts(line: string): number[] {
  return [...line.matchAll(/(?<!\S)\S/g)].map((match) => match.index);
}

function v1Sas(state: RouterState): IkeSaView[] {
  return state.ikeSas.filter((sa) => sa.version === 'v1');
}

describe('show crypto isakmp sa', () => {
  it('reads back every IKEv1 SA of a hub, the hub as dst of the SAs its spokes started', () => {
    const hub = cryptoHub(16, 'v1');
    const records = parseBack('show crypto isakmp sa', renderShowCryptoIsakmpSa(hub));
    const sas = v1Sas(hub);
    expect(records).toHaveLength(sas.length);
    sas.forEach((sa, i) => {
      const record = records[i]!;
      expect(record).toMatchObject({
        version: 'v1',
        dst: HUB_NBMA,
        src: sa.remote,
        local: HUB_NBMA,
        remote: sa.remote,
        state: sa.state,
        status: sa.status,
        deleted: sa.status.endsWith('(deleted)'),
        up: sa.state === 'QM_IDLE' && !sa.status.endsWith('(deleted)'),
        connId: sa.connId,
        initiator: false,
      });
    });
    expect(records.map((record) => record.state)).toEqual(
      expect.arrayContaining(['QM_IDLE', 'MM_NO_STATE', 'MM_KEY_EXCH']),
    );
  });

  it('prints a spoke as src towards its hub and towards a higher spoke, as dst when the lower spoke started', () => {
    const spoke = cryptoSpoke('v1');
    const records = parseBack('show crypto isakmp sa', renderShowCryptoIsakmpSa(spoke));
    expect(records.map((record) => [record.dst, record.src])).toEqual([
      [HUB_NBMA, SPOKE_NBMA],
      [SPOKE_NBMA, LOWER_SPOKE_NBMA],
      [HIGHER_SPOKE_NBMA, SPOKE_NBMA],
    ]);
    expect(records.map((record) => record.local)).toEqual([SPOKE_NBMA, SPOKE_NBMA, SPOKE_NBMA]);
    expect(records.map((record) => record.initiator)).toEqual([true, false, true]);
  });

  it('prints the sections and heading with no rows when the router has no IKEv1 SA (an IKEv2 router)', () => {
    const text = renderShowCryptoIsakmpSa(cryptoHub(3, 'v2'));
    expect(text).toBe(
      'IPv4 Crypto ISAKMP SA\ndst             src             state          conn-id status\n\nIPv6 Crypto ISAKMP SA\n\n',
    );
    expect(parseBack('show crypto isakmp sa', text)).toEqual([]);
  });

  it('prints the sections, heading and row columns of the real capture', () => {
    const capture = captureLines('show_crypto_isakmp_sa/genie__golden_output_isakmp_no_ipv6_output.txt');
    const hub = routerState('hub1', 'hub', '100.0.10.2');
    hub.ikeSas.push(
      ikeSa('v1', '100.0.10.2', '100.13.220.2', 29609),
      ikeSa('v1', '100.0.10.2', '100.12.82.2', 29188, { state: 'MM_NO_STATE', status: 'ACTIVE (deleted)' }),
    );
    const lines = renderShowCryptoIsakmpSa(hub).split('\n');
    expect(lines.slice(0, 2)).toEqual(capture.slice(0, 2));
    expect(lines[5]).toBe(capture[6]);
    expect(columnStarts(lines[1]!)).toEqual(columnStarts(capture[1]!));
    expect(columnStarts(lines[2]!)).toEqual(columnStarts(capture[2]!));
    expect(columnStarts(lines[3]!)).toEqual(columnStarts(capture[3]!));
  });

  it('reads back 5,000 spokes of a hub', () => {
    const hub = cryptoHub(5_000, 'v1', ['healthy', 'nat', 'rekeying', 'no-answer']);
    const records = parseBack('show crypto isakmp sa', renderShowCryptoIsakmpSa(hub));
    expect(records).toHaveLength(v1Sas(hub).length);
    expect(new Set(records.map((record) => record.remote)).size).toBe(5_000);
  });
});

describe('show crypto isakmp sa detail', () => {
  it('reads back the algorithms, remaining lifetime, NAT-T and engine id of every SA', () => {
    const hub = cryptoHub(16, 'v1');
    const records = parseBack('show crypto isakmp sa detail', renderShowCryptoIsakmpSaDetail(hub));
    const sas = v1Sas(hub);
    expect(records).toHaveLength(sas.length);
    sas.forEach((sa, i) => {
      const record = records[i]!;
      const negotiated = sa.encryption !== null;
      expect(record).toMatchObject({
        local: sa.local,
        remote: sa.remote,
        connId: sa.connId,
        status: sa.status,
        deleted: sa.status.endsWith('(deleted)'),
        lifetimeSeconds: negotiated ? sa.lifetimeSeconds - sa.activeSeconds : null,
        natTraversal: negotiated ? sa.natT : null,
        engineId: sa.state === 'QM_IDLE' ? 'SW' : null,
        engineConnId: sa.state === 'QM_IDLE' ? sa.connId - 1000 : null,
      });
      expect(record.algorithms).toEqual(
        negotiated
          ? expect.objectContaining({
              encryption: sa.encryption,
              hash: sa.hash,
              auth: sa.auth,
              dhGroup: sa.dhGroup,
            })
          : null,
      );
    });
    expect(records.filter((record) => record.natTraversal)).toHaveLength(2);
  });

  it('prints the codes legend, sections and heading before the rows', () => {
    const lines = renderShowCryptoIsakmpSaDetail(cryptoSpoke('v1')).split('\n');
    const capture = captureLines(
      'show_crypto_isakmp_sa_detail/genie__golden_output_isakmp_no_ipv6_output.txt',
    );
    const legendLength = ISAKMP_SA_DETAIL_LEGEND.length;
    expect(lines.slice(0, legendLength)).toEqual(ISAKMP_SA_DETAIL_LEGEND);
    expect(lines[legendLength]).toBe(capture[0]);
    expect(lines[legendLength + 2]).toBe(capture[2]);
    expect(lines.at(-3)).toBe(capture[10]);
  });

  it('prints the row and engine line columns of the real capture', () => {
    const capture = captureLines(
      'show_crypto_isakmp_sa_detail/genie__golden_output_isakmp_no_ipv6_output.txt',
    );
    const hub = routerState('hub1', 'hub', '100.0.10.2');
    hub.ikeSas.push(
      ikeSa('v1', '100.0.10.2', '100.12.134.2', 29493, {
        hash: 'sha',
        dhGroup: 16,
        activeSeconds: 86_400 - 72,
        natT: true,
      }),
    );
    const lines = renderShowCryptoIsakmpSaDetail(hub).split('\n');
    const row = lines.findIndex((line) => line.startsWith('29493'));
    expect(columnStarts(lines[row]!)).toEqual(columnStarts(capture[7]!));
    expect(columnStarts(lines[row + 1]!)).toEqual(columnStarts(capture[8]!));
    expect(lines[row]!.slice(0, 80)).toBe(capture[7]!.slice(0, 80));
  });

  it('reads back 5,000 spokes of a hub', () => {
    const hub = cryptoHub(5_000, 'v1', ['healthy', 'nat', 'rekeying', 'no-answer']);
    const records = parseBack('show crypto isakmp sa detail', renderShowCryptoIsakmpSaDetail(hub));
    expect(new Set(records.map((record) => record.remote)).size).toBe(5_000);
  });
});
