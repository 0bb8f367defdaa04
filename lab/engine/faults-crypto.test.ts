// IKE and IPsec faults read from both ends (diagnosis-reference.md sections 1.3 and 1.4): how far phase 1 gets,
// whether phase 2 follows, what each end logs, and protection present on one side only.

import { describe, expect, it } from 'vitest';
import type { IpsecSa } from '../../model/records/ipsec.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import { applyFault } from '../faults/catalogue.js';
import type { RouterState } from '../model/state.js';
import { renderShowCryptoIpsecSa } from '../render/show-crypto-ipsec-sa.js';
import {
  HUB_NBMA,
  SPOKE1_NBMA,
  both,
  configOf,
  hubRow,
  ikeTo,
  ipsecTo,
  labNetwork,
  logs,
  spokeRow,
} from './test-network.js';

describe('IKE faults', () => {
  it('a PSK mismatch (IKEv1) stops at MM_KEY_EXCH on both ends; the hub logs IKMP_BAD_MESSAGE at every attempt', () => {
    const network = labNetwork();
    for (const key of configOf(network, 'spoke1').isakmpKeys) key.key = 'Wrong-Lab-PSK';
    const { spoke, hub } = both(network, 300);
    expect(hubRow(spoke)?.state).toBe('IKE');
    expect(ikeTo(spoke, HUB_NBMA)[0]!.state).toBe('MM_KEY_EXCH');
    expect(ikeTo(hub, SPOKE1_NBMA)[0]!.state).toBe('MM_KEY_EXCH');
    expect(ipsecTo(spoke, HUB_NBMA)!.inbound).toEqual([]);
    expect(logs(hub, /IKMP_BAD_MESSAGE/, 200)).toHaveLength(10);
    expect(logs(hub, /IKMP_BAD_MESSAGE/).at(-1)).toBe(
      '%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.18.0.1 failed its sanity check or is malformed',
    );
    expect(spokeRow(hub)).toBeUndefined();
    expect(logs(spoke, /CRYPTO_SS.*socket is DOWN/)).toHaveLength(1);
    expect(logs(spoke, /NHRP_NHS_DOWN.*External/)).toHaveLength(1);
  });

  it('a PSK mismatch (IKEv2) leaves the spoke IN-NEG with the algorithms known and the hub with nothing', () => {
    const network = labNetwork({ ike: 'v2' });
    for (const peer of configOf(network, 'spoke1').ikev2!.keyring.peers) peer.key = 'Wrong-Lab-PSK';
    const { spoke, hub } = both(network, 300);
    expect(ikeTo(spoke, HUB_NBMA)[0]).toMatchObject({ state: 'IN-NEG', encryption: 'AES-CBC', keySize: 256 });
    expect(ikeTo(hub, SPOKE1_NBMA)).toEqual([]);
    expect(hubRow(spoke)?.state).toBe('IKE');
  });

  it('an isakmp policy mismatch stays in MM_NO_STATE; the conn-id is 0', () => {
    const network = labNetwork();
    for (const policy of configOf(network, 'spoke1').isakmpPolicies) policy.encryption = 'aes';
    const { spoke, hub } = both(network, 300);
    expect(ikeTo(spoke, HUB_NBMA)).toMatchObject([{ state: 'MM_NO_STATE', connId: 0 }]);
    expect(hubRow(spoke)?.state).toBe('IKE');
    expect(ikeTo(hub, SPOKE1_NBMA)).toEqual([]);
  });

  it('an IKEv2 proposal mismatch stays IN-NEG with no algorithms agreed', () => {
    const network = labNetwork({ ike: 'v2' });
    configOf(network, 'spoke1').ikev2!.proposal.encryption = 'aes-cbc-128';
    const { spoke } = both(network, 300);
    expect(ikeTo(spoke, HUB_NBMA)[0]).toMatchObject({ state: 'IN-NEG', encryption: null, dhGroup: null });
    expect(hubRow(spoke)?.state).toBe('IKE');
  });

  it('no pre-shared key on the spoke: it cannot start IKE, no SA row on either end', () => {
    const network = labNetwork();
    configOf(network, 'spoke1').isakmpKeys = [];
    const { spoke, hub } = both(network, 300);
    expect(hubRow(spoke)?.state).toBe('IKE');
    expect(spoke.ikeSas).toEqual([]);
    expect(ikeTo(hub, SPOKE1_NBMA)).toEqual([]);
  });
});

describe('IPsec faults', () => {
  const phase2Faults: [string, (network: ReturnType<typeof labNetwork>) => void][] = [
    [
      'transform set',
      (network) => (configOf(network, 'spoke1').transformSets[0]!.transforms = ['esp-aes', 'esp-sha-hmac']),
    ],
    ['mode', (network) => (configOf(network, 'hub1').transformSets[0]!.mode = 'tunnel')],
    ['PFS (IKEv1)', (network) => (configOf(network, 'hub1').ipsecProfiles[0]!.pfsGroup = 14)],
  ];
  it.each(phase2Faults)(
    'a %s mismatch: QM_IDLE on both ends, no IPsec SA, state IPSEC, UP-IDLE',
    (_name, apply) => {
      const network = labNetwork();
      apply(network);
      const { spoke, hub } = both(network, 300);
      expect(hubRow(spoke)?.state).toBe('IPSEC');
      expect(ikeTo(spoke, HUB_NBMA)[0]!.state).toBe('QM_IDLE');
      expect(ikeTo(hub, SPOKE1_NBMA)[0]!.state).toBe('QM_IDLE');
      expect(ipsecTo(spoke, HUB_NBMA)).toMatchObject({
        pktsEncaps: 0,
        pktsDecaps: 0,
        inbound: [],
        outbound: [],
      });
      expect(ipsecTo(hub, SPOKE1_NBMA)).toBeUndefined();
      expect(spoke.cryptoSessions[0]!.status).toBe('UP-IDLE');
      expect(hub.cryptoSessions.find((session) => session.peer === SPOKE1_NBMA)?.status).toBe('UP-IDLE');
      expect(spokeRow(hub)).toBeUndefined();
      expect(
        logs(hub, /IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at 198\.18\.0\.1$/).length,
      ).toBeGreaterThan(10);
    },
  );

  it('a PFS mismatch under IKEv2 holds until the first rekey (the first child SA has no DH), then stays IPSEC', () => {
    const network = labNetwork({ ike: 'v2' });
    configOf(network, 'hub1').ipsecProfiles[0]!.pfsGroup = 14;
    const before = both(network, 300);
    expect(hubRow(before.spoke)?.state).toBe('UP');
    const after = both(network, 3600 * 3);
    expect(hubRow(after.spoke)?.state).toBe('IPSEC');
    expect(ikeTo(after.spoke, HUB_NBMA)[0]!.state).toBe('READY');
    expect(ipsecTo(after.spoke, HUB_NBMA)!.outbound).toEqual([]);
    expect(logs(after.spoke, /CRYPTO_SS.*socket is DOWN/)).toHaveLength(1);
  });

  it('protection removed on a spoke: plain GRE, no isakmp SA, state NHRP; the hub logs RECVD_PKT_NOT_IPSEC once a minute', () => {
    const network = labNetwork();
    configOf(network, 'spoke1').tunnels[0]!.protectionProfile = null;
    const { spoke, hub } = both(network, 300);
    expect(hubRow(spoke)?.state).toBe('NHRP');
    expect(spoke.ikeSas).toEqual([]);
    expect(spoke.ipsecSas).toEqual([]);
    expect(logs(spoke, /ISAKMP is OFF/)).toHaveLength(1);
    expect(logs(hub, /RECVD_PKT_NOT_IPSEC/)).toHaveLength(5);
    expect(logs(hub, /RECVD_PKT_NOT_IPSEC/)[0]).toBe(
      "%CRYPTO-4-RECVD_PKT_NOT_IPSEC: Rec'd packet not an IPSEC packet. (ip) vrf/dest_addr= /203.0.113.1, src_addr= 198.18.0.1, prot= 47",
    );
    expect(spokeRow(hub)).toBeUndefined();
  });

  it('protection removed on the hub: ISAKMP OFF there, every spoke stuck in IKE with nobody answering', () => {
    const network = labNetwork();
    configOf(network, 'hub1').tunnels[0]!.protectionProfile = null;
    const { spoke, hub } = both(network, 300);
    expect(logs(hub, /ISAKMP is OFF/)).toHaveLength(1);
    expect(hub.ikeSas).toEqual([]);
    expect(hub.dmvpn[0]!.peers).toEqual([]);
    expect(ikeTo(spoke, HUB_NBMA)[0]!.state).toBe('MM_NO_STATE');
    expect(hubRow(spoke)?.state).toBe('IKE');
  });
});

describe('IPsec data-plane faults', () => {
  function parseDetail(state: RouterState): IpsecSa[] {
    const resolved = resolveCommand('show crypto ipsec sa detail');
    if (!resolved.ok) throw new Error(resolved.error);
    const result = resolved.command.parser.parse(renderShowCryptoIpsecSa(state, true), {
      args: resolved.command.args,
    });
    expect(result.error).toBeUndefined();
    expect(result.warnings).toEqual([]);
    return result.records as IpsecSa[];
  }

  it('anti-replay drops towards a spoke: its replay failed and recv errors rise, the hub and traffic are untouched', () => {
    const network = labNetwork();
    applyFault(network, 'anti-replay-drops', 'spoke1');
    const early = both(network, 400);
    const late = both(network, 700);
    const spokeEarly = ipsecTo(early.spoke, HUB_NBMA)!;
    const spokeLate = ipsecTo(late.spoke, HUB_NBMA)!;
    expect(spokeLate.replayFailed! - spokeEarly.replayFailed!).toBe(150);
    expect(spokeLate.recvErrors).toBe(spokeLate.replayFailed);
    expect(spokeLate.sendErrors).toBe(0);
    expect(spokeLate.pktsDecaps).toBeGreaterThan(spokeEarly.pktsDecaps);
    expect(spokeLate.pktsEncaps).toBeGreaterThan(spokeEarly.pktsEncaps);
    expect(hubRow(late.spoke)?.state).toBe('UP');
    expect(spokeRow(late.hub)?.state).toBe('UP');
    const hubLate = ipsecTo(late.hub, SPOKE1_NBMA)!;
    expect(hubLate.replayFailed ?? 0).toBe(0);
    expect(hubLate.recvErrors).toBe(0);
    // Rate-limited: one message a minute at most, from the hub's address to the spoke's, on its inbound SA.
    const replayLogs = logs(late.spoke, /IPSEC-3-REPLAY_ERROR/, 400);
    expect(replayLogs.length).toBeGreaterThanOrEqual(4);
    expect(replayLogs.length).toBeLessThanOrEqual(5);
    const inbound = spokeLate.inbound.at(-1)!;
    expect(replayLogs.at(-1)).toBe(
      `%IPSEC-3-REPLAY_ERROR: IPSec SA receives anti-replay error, DP Handle ${inbound.connId}, src_addr ${HUB_NBMA}, dest_addr ${SPOKE1_NBMA}, SPI 0x${inbound.spi.toString(16)}`,
    );
    expect(logs(late.hub, /REPLAY_ERROR/)).toEqual([]);
    const [record] = parseDetail(late.spoke).filter((sa) => sa.remote === HUB_NBMA);
    expect(record).toMatchObject({
      pktsReplayFailedRecv: spokeLate.replayFailed,
      pktsDecapsFailedRecv: 0,
      pktsVerifyFailed: 0,
    });
  });

  it('anti-replay drops towards the hub: the hub counts them for every spoke, the spokes count none', () => {
    const network = labNetwork();
    applyFault(network, 'anti-replay-drops', 'hub1');
    const late = both(network, 700);
    const hubLate = ipsecTo(late.hub, SPOKE1_NBMA)!;
    expect(hubLate.replayFailed).toBeGreaterThan(300);
    expect(hubLate.recvErrors).toBe(hubLate.replayFailed);
    expect(ipsecTo(late.spoke, HUB_NBMA)!.recvErrors).toBe(0);
    expect(logs(late.hub, /IPSEC-3-REPLAY_ERROR.*src_addr 198\.18\.0\./).length).toBeGreaterThan(0);
    expect(logs(late.spoke, /REPLAY_ERROR/)).toEqual([]);
    const records = parseDetail(late.hub);
    expect(records.filter((sa) => (sa.pktsReplayFailedRecv ?? 0) > 0)).toHaveLength(3);
    expect(spokeRow(late.hub)?.state).toBe('UP');
  });
});

describe('IPsec receive errors', () => {
  it('ESP corrupted towards the hub: its verify failed and recv errors rise for every spoke, nothing else moves', () => {
    const network = labNetwork();
    applyFault(network, 'ipsec-send-recv-errors');
    const early = both(network, 400);
    const late = both(network, 700);
    const hubEarly = ipsecTo(early.hub, SPOKE1_NBMA)!;
    const hubLate = ipsecTo(late.hub, SPOKE1_NBMA)!;
    expect(hubLate.verifyFailed! - hubEarly.verifyFailed!).toBe(60);
    expect(hubLate.recvErrors).toBe(hubLate.verifyFailed);
    expect(hubLate.sendErrors).toBe(0);
    expect(hubLate.replayFailed ?? 0).toBe(0);
    expect(hubLate.pktsDecaps).toBeGreaterThan(hubEarly.pktsDecaps);
    const spokeLate = ipsecTo(late.spoke, HUB_NBMA)!;
    expect(spokeLate.recvErrors).toBe(0);
    expect(spokeLate.sendErrors).toBe(0);
    expect(hubRow(late.spoke)?.state).toBe('UP');
    expect(spokeRow(late.hub)?.state).toBe('UP');
    const resolved = resolveCommand('show crypto ipsec sa detail');
    if (!resolved.ok) throw new Error(resolved.error);
    const result = resolved.command.parser.parse(renderShowCryptoIpsecSa(late.hub, true), {
      args: resolved.command.args,
    });
    expect(result.warnings).toEqual([]);
    const records = result.records as IpsecSa[];
    expect(records).toHaveLength(3);
    for (const record of records) expect(record.pktsVerifyFailed).toBeGreaterThan(0);
    expect(records.find((record) => record.remote === SPOKE1_NBMA)).toMatchObject({
      pktsVerifyFailed: hubLate.verifyFailed,
      pktsDecapsFailedRecv: 0,
      pktsReplayFailedRecv: 0,
    });
    const plain = resolveCommand('show crypto ipsec sa');
    if (!plain.ok) throw new Error(plain.error);
    const summary = plain.command.parser.parse(renderShowCryptoIpsecSa(late.hub), {
      args: plain.command.args,
    });
    expect((summary.records as IpsecSa[]).find((record) => record.remote === SPOKE1_NBMA)).toMatchObject({
      recvErrors: hubLate.recvErrors,
      sendErrors: 0,
    });
  });
});

describe('IPsec rekey failure', () => {
  it('PFS added on a spoke (IKEv2): up until its next rekey, then IPSEC on both ends with the IKE SA READY and no SA', () => {
    const network = labNetwork({ ike: 'v2' });
    applyFault(network, 'sa-rekey-failure');
    const before = both(network, 60);
    expect(hubRow(before.spoke)?.state).toBe('UP');
    expect(ipsecTo(before.spoke, HUB_NBMA)!.outbound).toHaveLength(1);
    const after = both(network, 3300);
    expect(hubRow(after.spoke)?.state).toBe('IPSEC');
    expect(ikeTo(after.spoke, HUB_NBMA)[0]!.state).toBe('READY');
    expect(ikeTo(after.hub, SPOKE1_NBMA)[0]!.state).toBe('READY');
    expect(ipsecTo(after.spoke, HUB_NBMA)!.outbound).toEqual([]);
    expect(ipsecTo(after.hub, SPOKE1_NBMA)?.outbound ?? []).toEqual([]);
    expect(after.spoke.cryptoSessions.find((row) => row.peer === HUB_NBMA)?.status).toBe('UP-IDLE');
    expect(after.hub.cryptoSessions.find((row) => row.peer === SPOKE1_NBMA)?.status).toBe('UP-IDLE');
    expect(spokeRow(after.hub)).toBeUndefined();
    expect(logs(after.spoke, /CRYPTO_SS.*socket is DOWN/)).toHaveLength(1);
    expect(logs(after.spoke, /NHRP_NHS_DOWN/)).toHaveLength(1);
    expect(logs(after.hub, /CRYPTO_SS.*socket is DOWN/)).toHaveLength(1);
  });

  it('needs IKEv2: IKEv1 negotiates PFS in every quick mode, so it would be pfs-mismatch', () => {
    expect(() => applyFault(labNetwork(), 'sa-rekey-failure')).toThrow(/IKEv2/);
  });
});
