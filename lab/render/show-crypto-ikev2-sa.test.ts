import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IkeSa } from '../../model/records/ike.js';
import type { IkeSaView, RouterState } from '../model/state.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import { HUB_NBMA, SPOKE_NBMA, cryptoHub, cryptoSpoke, ikeSa, routerState } from './crypto-test-routers.js';
import { renderShowCryptoIkev2Sa, renderShowCryptoIkev2SaDetailed } from './show-crypto-ikev2-sa.js';

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

function v2Sas(state: RouterState): IkeSaView[] {
  return state.ikeSas.filter((sa) => sa.version === 'v2');
}

/** The record fields every form prints, as the state holds them. */
function expectBriefFields(record: IkeSa, sa: IkeSaView): void {
  const negotiated = sa.encryption !== null;
  expect(record).toMatchObject({
    version: 'v2',
    tunnelId: sa.connId,
    local: sa.local,
    localPort: sa.localPort,
    remote: sa.remote,
    remotePort: sa.remotePort,
    state: sa.state,
    status: sa.status,
    up: sa.state === 'READY',
    fvrf: null,
    ivrf: null,
    lifetimeSeconds: sa.lifetimeSeconds,
    activeSeconds: sa.activeSeconds,
  });
  expect(record.algorithms).toMatchObject({
    encryption: sa.encryption,
    keySize: negotiated ? sa.keySize : null,
    prf: sa.hash,
    hash: sa.hash,
    dhGroup: sa.dhGroup,
    authSign: sa.auth,
    authVerify: sa.auth,
  });
}

describe('show crypto ikev2 sa', () => {
  it('reads back every IKEv2 SA of a hub: READY, IN-NEG with nothing negotiated, DELETE mid-rekey, NAT-T ports', () => {
    const hub = cryptoHub(16, 'v2');
    const records = parseBack('show crypto ikev2 sa', renderShowCryptoIkev2Sa(hub));
    const sas = v2Sas(hub);
    expect(records).toHaveLength(sas.length);
    sas.forEach((sa, i) => {
      expectBriefFields(records[i]!, sa);
      expect(records[i]!.detail).toBeNull();
    });
    expect(new Set(records.map((record) => record.state))).toEqual(new Set(['READY', 'IN-NEG', 'DELETE']));
    expect(records.some((record) => record.localPort === 4500 && record.remotePort === 4500)).toBe(true);
  });

  it('prints only the sections when the router has no IKEv2 SA (an IKEv1 router)', () => {
    const text = renderShowCryptoIkev2Sa(cryptoHub(3, 'v1'));
    expect(text).toBe(' IPv4 Crypto IKEv2  SA\n\n IPv6 Crypto IKEv2  SA\n\n');
    expect(parseBack('show crypto ikev2 sa', text)).toEqual([]);
  });

  it('prints the sections, heading, row columns and attribute lines of the real captures', () => {
    const sections = captureLines('show_crypto_ikev2_sa/genie__golden_output2_output.txt');
    const local = captureLines('show_crypto_ikev2_sa_local/genie__golden_output_output.txt');
    const remote = captureLines('show_crypto_ikev2_sa_remote/genie__golden_output_output.txt');
    const router = routerState('spoke', 'spoke', '4.4.4.1');
    router.ikeSas.push(
      ikeSa('v2', '4.4.4.1', '10.1.1.1', 1, { localPort: 4500, remotePort: 4500, natT: true }),
      ikeSa('v2', '101.0.10.2', '100.201.33.252', 1184, {
        keySize: 192,
        hash: 'SHA512',
        dhGroup: 16,
        activeSeconds: 19,
      }),
    );
    const lines = renderShowCryptoIkev2Sa(router).split('\n');
    expect(lines[0]).toBe(sections[0]);
    expect(lines.at(-3)).toBe(sections[2]);
    expect(lines[2]).toBe(local[0]);
    expect(columnStarts(lines[3]!)).toEqual(columnStarts(local[1]!));
    const second = lines.indexOf(local[0]!, 3);
    expect(columnStarts(lines[second + 1]!)).toEqual(columnStarts(remote[1]!));
    expect(lines.slice(second + 2, second + 4)).toEqual(remote.slice(2, 4));
  });

  it('reads back 5,000 spokes of a hub', () => {
    const hub = cryptoHub(5_000, 'v2', ['healthy', 'nat', 'no-answer', 'rekeying']);
    const records = parseBack('show crypto ikev2 sa', renderShowCryptoIkev2Sa(hub));
    expect(new Set(records.map((record) => record.remote)).size).toBe(5_000);
  });
});

describe('show crypto ikev2 sa detailed', () => {
  it('says a spoke initiated towards its hub and a higher spoke, not towards a lower one; NAT-T outside', () => {
    const spoke = cryptoSpoke('v2');
    const records = parseBack('show crypto ikev2 sa detailed', renderShowCryptoIkev2SaDetailed(spoke));
    const sas = v2Sas(spoke);
    expect(records).toHaveLength(sas.length);
    sas.forEach((sa, i) => {
      const record = records[i]!;
      expectBriefFields(record, sa);
      expect(record).toMatchObject({
        sessionId: sa.connId,
        ceId: 0,
        natTraversal: sa.natT,
        natSide: sa.natT ? 'outside' : null,
      });
      expect(record.detail).toMatchObject({
        statusDescription: 'Negotiation done',
        localId: sa.local,
        remoteId: sa.remote,
        dpd: { intervalSeconds: 0, retries: 0 },
      });
    });
    expect(records.map((record) => record.initiator)).toEqual([true, false, true]);
  });

  it('prints the same IKE SPIs on both ends of an SA, swapped, and the hub as the responder', () => {
    const hub = cryptoHub(8, 'v2');
    const fromHub = parseBack('show crypto ikev2 sa detailed', renderShowCryptoIkev2SaDetailed(hub)).find(
      (record) => record.remote === SPOKE_NBMA,
    )!;
    const fromSpoke = parseBack(
      'show crypto ikev2 sa detailed',
      renderShowCryptoIkev2SaDetailed(cryptoSpoke('v2')),
    ).find((record) => record.remote === HUB_NBMA)!;
    expect(fromHub.localSpi).toMatch(/^[0-9A-F]{16}$/);
    expect(fromHub.localSpi).not.toBe(fromHub.remoteSpi);
    expect([fromHub.localSpi, fromHub.remoteSpi]).toEqual([fromSpoke.remoteSpi, fromSpoke.localSpi]);
    expect([fromHub.initiator, fromSpoke.initiator]).toEqual([false, true]);
  });

  it('tells a negotiating SA from a done one, and which side waits', () => {
    const hub = cryptoHub(3, 'v2');
    const records = parseBack('show crypto ikev2 sa detailed', renderShowCryptoIkev2SaDetailed(hub));
    expect(records.map((record) => record.detail?.statusDescription)).toEqual([
      'Negotiation done',
      'Negotiation done',
      'Responder waiting for AUTH request',
    ]);
  });

  it('prints the detail lines with the indentation and columns of the real capture', () => {
    const capture = captureLines('show_crypto_ikev2_sa_local_detail/genie__golden_output_output.txt');
    const lines = renderShowCryptoIkev2SaDetailed(cryptoSpoke('v2')).split('\n');
    const labelled = (text: string[], label: string) =>
      text.find((line) => line.trimStart().startsWith(label))!;
    for (const label of [
      'CE id:',
      'Status Description:',
      'Local id:',
      'DPD configured',
      'Fragmentation',
      'NAT-T',
    ]) {
      expect(columnStarts(labelled(lines, label))[0]).toBe(columnStarts(labelled(capture, label))[0]);
    }
    for (const label of [
      'Local spi:',
      'Local req msg id:',
      'Local next msg id:',
      'Local req queued:',
      'Local window:',
    ]) {
      const rendered = labelled(lines, label);
      const captured = labelled(capture, label);
      expect(rendered.indexOf('Remote')).toBe(captured.indexOf('Remote'));
      expect(columnStarts(rendered).slice(0, -3)).toEqual(columnStarts(captured).slice(0, -3));
    }
    expect(labelled(lines, 'Fragmentation')).toBe(labelled(capture, 'Fragmentation'));
    expect(labelled(lines, 'Extended Authentication')).toBe(labelled(capture, 'Extended Authentication'));
    expect(labelled(lines, 'Cisco Trust Security')).toBe(labelled(capture, 'Cisco Trust Security'));
  });

  it('reads back 5,000 spokes of a hub', () => {
    const hub = cryptoHub(5_000, 'v2', ['healthy', 'nat', 'no-answer', 'rekeying']);
    const records = parseBack('show crypto ikev2 sa detailed', renderShowCryptoIkev2SaDetailed(hub));
    expect(new Set(records.map((record) => record.remote)).size).toBe(5_000);
  });
});
