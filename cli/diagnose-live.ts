// `dmvpn-watch diagnose DEVICE... --inventory FILE` (or `--all`): polls over SSH what the diagnosis reads from the
// named routers and from the hubs their spokes register to (a tunnel has two ends), then diagnoses the snapshots.

import type { InventoryDevice } from '../collectors/inventory/device.js';
import type { Inventory } from '../collectors/inventory/load.js';
import { runPollJob, standardCommands } from '../collectors/scheduler/poll-job.js';
import type { SshCollector } from '../collectors/ssh/ssh-collector.js';
import type { ConfigInterface } from '../model/records/config.js';
import type { DmvpnPeer } from '../model/records/dmvpn.js';
import type { InterfaceBrief } from '../model/records/system.js';
import type { NhsEntry } from '../model/records/nhrp-server.js';
import type { DeviceSnapshot } from '../model/snapshot.js';
import { parseText } from '../parsers/parse-text.js';
import { Progress, type ProgressStream } from './progress.js';

/** The detailed forms carry what the rules quote (lifetimes, error counters, PFS); the rest comes on top. */
const DETAILED: Record<string, string> = {
  'show crypto isakmp sa': 'show crypto isakmp sa detail',
  'show crypto ikev2 sa': 'show crypto ikev2 sa detailed',
  'show crypto ipsec sa': 'show crypto ipsec sa detail',
};
/** What the rules read beyond the standard poll: the configuration, the log buffer, every interface's address. */
export const DIAGNOSIS_EXTRA_COMMANDS = ['show ip interface brief', 'show running-config', 'show logging'];

/** Runs below this many devices finish before a progress bar would tell anything. */
const PROGRESS_FROM = 10;

export function diagnosisCommands(device: InventoryDevice): string[] {
  const commands = standardCommands(device.role).map((command) => DETAILED[command] ?? command);
  return [...new Set([...commands, ...DIAGNOSIS_EXTRA_COMMANDS, ...device.extraCommands])];
}

export class UnknownDeviceError extends Error {}

export interface LiveCollection {
  snapshots: DeviceSnapshot[];
  /** Devices whose poll failed, with the first error: the report is made without them. */
  failures: { device: string; message: string }[];
}

function recordsOf<R>(snapshot: DeviceSnapshot, kind: string): R[] {
  return snapshot.outputs.flatMap(
    (output) => output.parsed.records.filter((record) => (record as { kind: string }).kind === kind) as R[],
  );
}

/** The NBMA and tunnel addresses of the hubs a spoke registers to, as its own outputs name them. */
export function hubAddressesOf(spoke: DeviceSnapshot): Set<string> {
  const addresses = new Set<string>();
  const add = (address: string | null | undefined): void => {
    if (address && /^\d{1,3}(\.\d{1,3}){3}$/.test(address)) addresses.add(address);
  };
  for (const entry of recordsOf<NhsEntry>(spoke, 'nhrp_nhs')) [entry.nhs, entry.nbma].forEach(add);
  for (const peer of recordsOf<DmvpnPeer>(spoke, 'dmvpn_peer'))
    if (peer.attrs.includes('S')) [peer.peerNbma, peer.peerTunnel].forEach(add);
  for (const block of recordsOf<ConfigInterface>(spoke, 'config_interface')) {
    for (const server of block.nhrp?.nhs ?? []) [server.server, server.nbma].forEach(add);
    for (const map of block.nhrp?.maps ?? []) [map.tunnel, map.nbma].forEach(add);
  }
  return addresses;
}

/** The named devices; with `all`, every device of the inventory. Unknown names are an error naming them all. */
export function namedDevices(inventory: Inventory, names: string[], all: boolean): InventoryDevice[] {
  if (all) return inventory.devices;
  const unknown = names.filter((name) => !inventory.devices.some((device) => device.name === name));
  if (unknown.length > 0)
    throw new UnknownDeviceError(
      `${inventory.file}: no device named ${unknown.map((n) => `"${n}"`).join(', ')}`,
    );
  return inventory.devices.filter((device) => names.includes(device.name));
}

export class LiveDiagnosisCollector {
  constructor(
    private readonly inventory: Inventory,
    private readonly ssh: SshCollector,
    private readonly stderr: ProgressStream,
  ) {}

  /** Polls the devices, then the hubs of the spokes among them that were not named. */
  async collect(devices: InventoryDevice[]): Promise<LiveCollection> {
    const collection: LiveCollection = { snapshots: [], failures: [] };
    await this.poll(devices, collection);
    const hubs = await this.hubsOf(collection.snapshots, devices);
    await this.poll(hubs, collection);
    return collection;
  }

  private async poll(devices: InventoryDevice[], into: LiveCollection): Promise<void> {
    const progress =
      devices.length >= PROGRESS_FROM ? new Progress(this.stderr, devices.length, 'polled') : null;
    await Promise.all(
      devices.map(async (device) => {
        const snapshot = await runPollJob(
          { device: device.name, commands: diagnosisCommands(device) },
          device,
          this.ssh,
        );
        progress?.tick();
        if (snapshot.outputs.length > 0) into.snapshots.push(snapshot);
        const [error] = snapshot.errors;
        if (error) into.failures.push({ device: device.name, message: error.message });
      }),
    );
  }

  /**
   * The inventory's hubs that own an address the spokes name as their NHS. A hub reached on an address of its own
   * is known at once; the others are asked for their interfaces. When the spokes name nothing (unreachable), or no
   * hub owns what they name, every hub is taken: the cause may be on any of them.
   */
  private async hubsOf(snapshots: DeviceSnapshot[], named: InventoryDevice[]): Promise<InventoryDevice[]> {
    const spokes = named.filter((device) => device.role === 'spoke');
    const others = this.inventory.devices.filter(
      (device) => device.role === 'hub' && !named.includes(device),
    );
    if (spokes.length === 0 || others.length === 0) return [];
    const wanted = new Set<string>();
    for (const snapshot of snapshots)
      if (spokes.some((spoke) => spoke.name === snapshot.device))
        hubAddressesOf(snapshot).forEach((address) => wanted.add(address));
    if (wanted.size === 0) return others;
    const owning = await Promise.all(
      others.map(async (hub) => {
        if (wanted.has(hub.host)) return true;
        const { runs } = await this.ssh.run(hub, ['show ip interface brief']);
        const [run] = runs;
        if (!run) return false;
        const [parsed] = parseText(run.raw, run.command);
        return (parsed?.result.records ?? []).some((record) =>
          wanted.has((record as InterfaceBrief).ipAddress ?? ''),
        );
      }),
    );
    const hubs = others.filter((_, index) => owning[index]);
    return hubs.length > 0 ? hubs : others;
  }
}
