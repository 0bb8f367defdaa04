// Parses `show version`: the software, uptime, reload history, licenses and hardware of the device, one record.

import type { DeviceVersion, LicenseInfo, StackMember } from '../model/records/system.js';
import { spelledDuration } from './common/duration.js';
import { words } from './common/lines.js';
import { defineParser, type ParseOutput } from './common/parser.js';

/** `Cisco IOS Software [Fuji], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.9.5, RELEASE ...`. */
const SOFTWARE =
  /^(?:Cisco IOS Software|IOS \(tm\))(?: \[(\w+)\])?,? (.*?) \(([^)]+)\), Version ([^\s,]+),? ?(.*)$/;
const XE_SOFTWARE = /^Cisco IOS XE Software, Version (\S+)$/;
const UPTIME = /^(\S+) uptime is (.+)$/;
const COMPILED = /^Compiled (.+?) by (\S+)$/;
/** `cisco ASR1001 (1RU) processor with 1133939K/6147K bytes of memory.` and the IOSv spellings. */
const PROCESSOR =
  /^[Cc]isco (\S+) (?:\((?!revision)([^)]*)\) )?(?:processor )?(?:\(revision ([^)]+)\) )?with\s+(?:with\s+)?(\d+)K(?:\/(\d+)K)? bytes of (?:physical )?memory\.?$/;
const BOARD_ID = /^Processor board ID (\S+?)(?:, with hardware revision (\S+))?$/;
const INTERFACES = /^(\d+) (.+?) [Ii]nterfaces?$/;
const STORAGE = /^(\d+)K bytes of (.*?)\.?$/;
const CONFIG_REGISTER = /^Configuration register is (\S+)(?: \(will be (\S+) at next reload\))?$/;
const SWITCH_PROPERTY = /^(.+?)\s+: (.*?)$/;
const SWITCH_HEADER = /^Switch (\d+)$/;
const STACK_COLUMNS = /^Switch\s+Ports\s+Model\s+SW Version\s+SW Image\s+Mode$/;
const BOARD_REVISIONS = /^(\S+ Revision \S+(?:, \S+ Revision \S+)*)$/;
const CPU = /^(\S+ CPU at .*)$/;
/** Lines that say who Cisco is and nothing about this device. */
const BOILERPLATE =
  /^(?:Technical Support: |Copyright \(c\) |Cisco Internetwork Operating System Software|This software is supported for a limited time under special agreement|Image text-base: )/;
/** Legal paragraphs, each from its first line to its last. */
const NOTICES: [string, (text: string) => boolean][] = [
  ['This product contains cryptographic features', (text) => text.includes('export@cisco.com')],
  ['Cisco IOS-XE software, Copyright', (text) => text === 'software.' || text.endsWith(' software.')],
];
const DASHES = /^-+(?:\s+-+)*$/;

/** Reads one kind of line into the record; false when the line is not that kind. */
type LineReader = (reader: VersionReader, text: string) => boolean;

export const showVersion = defineParser<DeviceVersion>({
  command: 'show version',
  syntax: ['show version'],
  detect: (text) => /^(?:Cisco IOS|IOS \(tm\)).* Software/m.test(text) && /^\S+ uptime is /m.test(text),
  parse(out) {
    new VersionReader(out).read();
  },
});

class VersionReader {
  record: DeviceVersion | undefined;
  /** The closing test of the legal paragraph being skipped. */
  private noticeEnds: ((text: string) => boolean) | undefined;
  /** The license table being read: does it start with a `Technology` column, and how many rows so far. */
  licenseTable: { withTechnology: boolean; rows: number } | undefined;
  member: StackMember | undefined;
  /** The line being read (0-based). */
  private index = 0;

  constructor(private readonly out: ParseOutput<DeviceVersion>) {}

  read(): void {
    const { lines } = this.out;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text === '') {
        if (this.licenseTable?.rows) this.licenseTable = undefined;
        continue;
      }
      if (this.readLine(text, i)) this.out.recognized++;
      else this.out.warn(i, 'not a line of `show version`');
    }
    const active = this.record?.stack.find((member) => member.active);
    const first = this.record?.stack.find((member) => member.switch === null);
    if (active && first && active !== first) this.mergeInto(active, first);
  }

  private readLine(text: string, index: number): boolean {
    if (this.noticeEnds) {
      if (this.noticeEnds(text)) this.noticeEnds = undefined;
      return true;
    }
    const notice = NOTICES.find(([opening]) => text.startsWith(opening));
    if (notice) {
      this.noticeEnds = notice[1];
      return true;
    }
    if (BOILERPLATE.test(text) || DASHES.test(text)) return true;
    this.index = index;
    return READERS.some((reader) => reader(this, text)) || this.readTableRow(text);
  }

  /** The one record, created by the first line that says something about the device. */
  device(): DeviceVersion {
    if (!this.record) this.out.records.push((this.record = this.newRecord(this.index)));
    return this.record;
  }

  private readTableRow(text: string): boolean {
    if (this.licenseTable) {
      const record = this.device();
      const tokens = words(text);
      const technology = this.licenseTable.withTechnology ? tokens.shift()! : null;
      if (tokens.length < 2) return false;
      const current = tokens.shift()!;
      const nextReboot = tokens.pop()!;
      record.licenses.push({ technology, current, type: tokens.join(' ') || null, nextReboot });
      this.licenseTable.rows++;
      return true;
    }
    const row = /^(\*)?\s*(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$/.exec(text);
    if (!row) return false;
    const member = this.stackMember(Number(row[2]));
    member.active = row[1] === '*';
    member.ports = Number(row[3]);
    [member.model, member.softwareVersion, member.softwareImage, member.mode] = row.slice(4, 8) as [
      string,
      string,
      string,
      string,
    ];
    return true;
  }

  stackMember(number: number | null): StackMember {
    const stack = this.device().stack;
    const known = number === null ? undefined : stack.find((member) => member.switch === number);
    if (known) return known;
    const member: StackMember = {
      switch: number,
      active: false,
      ports: null,
      model: null,
      softwareVersion: null,
      softwareImage: null,
      mode: null,
      macAddress: null,
      serialNumber: null,
      motherboardSerialNumber: null,
      uptimeSeconds: null,
      properties: {},
    };
    stack.push(member);
    return member;
  }

  /** The first switch block has no `Switch NN` title; the stack table's `*` row says which switch it is. */
  private mergeInto(active: StackMember, first: StackMember): void {
    const stack = this.record!.stack;
    active.macAddress ??= first.macAddress;
    active.serialNumber ??= first.serialNumber;
    active.motherboardSerialNumber ??= first.motherboardSerialNumber;
    active.uptimeSeconds ??= first.uptimeSeconds;
    active.model ??= first.properties['Model Number'] ?? null;
    active.properties = { ...first.properties, ...active.properties };
    stack.splice(stack.indexOf(first), 1);
  }

  private newRecord(index: number): DeviceVersion {
    return {
      kind: 'version',
      line: index + 1,
      hostname: null,
      version: null,
      xeVersion: null,
      softwareFamily: null,
      image: null,
      codename: null,
      buildType: null,
      release: null,
      compiled: null,
      compiledBy: null,
      rom: null,
      bootloader: null,
      uptimeSeconds: null,
      controlProcessorUptimeSeconds: null,
      returnedToRomBy: null,
      returnedToRomAt: null,
      restartedAt: null,
      systemImage: null,
      lastReloadReason: null,
      lastReloadType: null,
      lastReset: null,
      licenses: [],
      smartLicensingStatus: null,
      throughputKbps: null,
      operatingMode: null,
      platform: null,
      processor: null,
      processorRevision: null,
      memoryKb: null,
      serialNumber: null,
      hardwareRevision: null,
      cpu: null,
      boardRevisions: null,
      interfaces: {},
      nvramKb: null,
      physicalMemoryKb: null,
      storage: [],
      dramConfiguration: null,
      configRegister: null,
      nextConfigRegister: null,
      stack: [],
    };
  }
}

/** `2 years, 31 weeks, 6 days, 9 hours, 55 minutes` -> seconds. */
function uptimeSeconds(text: string): number | null {
  return spelledDuration(text) ?? null;
}

/** What a reader does with a line it matched; `false` when the value turns out not to be understood. */
type Assign<T> = (record: DeviceVersion, value: T, reader: VersionReader) => unknown;

/** A `Label: value` line: the value goes to the record. */
function labelled(label: string, assign: Assign<string>): LineReader {
  return (reader, text) =>
    text.startsWith(label) && assign(reader.device(), text.slice(label.length).trim(), reader) !== false;
}

/** A line matched by `pattern`: its groups (empty for those absent) go to the record. */
function matched(pattern: RegExp, assign: Assign<string[]>): LineReader {
  return (reader, text) => {
    const match = pattern.exec(text);
    if (!match) return false;
    return (
      assign(
        reader.device(),
        match.slice(1).map((group) => group ?? ''),
        reader,
      ) !== false
    );
  };
}

const optional = (value: string): string | null => value || null;

/** The last license line given a `Type` or `Next reload` value, or a new one. */
function lastLicense(record: DeviceVersion, technology: string | null): LicenseInfo {
  const last = record.licenses[record.licenses.length - 1];
  if (last && last.technology === technology) return last;
  const license: LicenseInfo = { technology, current: '', type: null, nextReboot: null };
  record.licenses.push(license);
  return license;
}

const READERS: LineReader[] = [
  matched(XE_SOFTWARE, (record, [version]) => (record.xeVersion = version!)),
  matched(SOFTWARE, (record, [codename, family, image, version, build]) => {
    record.codename = optional(codename!);
    record.softwareFamily = family!;
    record.image = image!;
    record.version = version!;
    record.buildType = optional(build!.trim());
    record.release = /\((fc\d+)\)/.exec(build!)?.[1] ?? null;
  }),
  labelled('IOS XE Version: ', (record, value) => (record.xeVersion = value)),
  matched(COMPILED, (record, [when, by]) => {
    record.compiled = when!;
    record.compiledBy = by!;
  }),
  labelled('ROM: ', (record, value) => (record.rom = value)),
  labelled('BOOTLDR: ', (record, value) => (record.bootloader = value)),
  labelled('Uptime for this control processor is ', (record, value) => {
    record.controlProcessorUptimeSeconds = uptimeSeconds(value);
    return record.controlProcessorUptimeSeconds !== null;
  }),
  labelled('System returned to ROM by ', (record, value) => {
    const at = value.indexOf(' at ');
    record.returnedToRomBy = at < 0 ? value : value.slice(0, at);
    record.returnedToRomAt = at < 0 ? null : value.slice(at + 4);
  }),
  labelled('System restarted at ', (record, value) => (record.restartedAt = value)),
  labelled('System image file is ', (record, value) => (record.systemImage = value.replace(/^"|"$/g, ''))),
  labelled('Last reload reason: ', (record, value) => (record.lastReloadReason = value)),
  labelled('Last reload type: ', (record, value) => (record.lastReloadType = value)),
  labelled('Last reset from ', (record, value) => (record.lastReset = value)),
  labelled('License Level: ', (record, value) => (lastLicense(record, null).current = value)),
  labelled('License Type: ', (record, value) => (lastLicense(record, null).type = value)),
  labelled('Next reload license Level: ', (record, value) => (lastLicense(record, null).nextReboot = value)),
  labelled('AIR License Level: ', (record, value) => (lastLicense(record, 'AIR').current = value)),
  labelled(
    'Next reload AIR license Level: ',
    (record, value) => (lastLicense(record, 'AIR').nextReboot = value),
  ),
  labelled('Smart Licensing Status: ', (record, value) => (record.smartLicensingStatus = value)),
  labelled('Router operating mode: ', (record, value) => (record.operatingMode = value)),
  matched(
    /^The current throughput level is (\d+) kbps$/,
    (record, [kbps]) => (record.throughputKbps = Number(kbps)),
  ),
  (reader, text) => {
    if (!text.startsWith('Technology Package License Information')) return false;
    reader.licenseTable = { withTechnology: false, rows: 0 };
    return true;
  },
  (reader, text) => {
    if (!reader.licenseTable || !/^Technology(?:-package)?\s+|^Current\s+Type\s+Next reboot$/.test(text))
      return false;
    if (/^Technology\s+Technology-package/.test(text)) reader.licenseTable.withTechnology = true;
    return true;
  },
  matched(PROCESSOR, (record, [platform, processor, revision, main, io]) => {
    record.platform = platform!;
    record.processor = optional(processor!);
    record.processorRevision = optional(revision!);
    record.memoryKb = Number(main) + Number(io || 0);
  }),
  matched(BOARD_ID, (record, [serial, revision]) => {
    record.serialNumber = serial!;
    record.hardwareRevision = optional(revision!);
  }),
  matched(CPU, (record, [cpu]) => (record.cpu = cpu!)),
  matched(UPTIME, (record, [hostname, uptime]) => {
    record.hostname = hostname!;
    record.uptimeSeconds = uptimeSeconds(uptime!);
    return record.uptimeSeconds !== null;
  }),
  matched(INTERFACES, (record, [count, type]) => (record.interfaces[type!] = Number(count))),
  matched(STORAGE, (record, [kb, what]) => {
    const size = Number(kb);
    if (what === 'non-volatile configuration memory') record.nvramKb = size;
    else if (what === 'physical memory') record.physicalMemoryKb = size;
    else record.storage.push({ what: what!.trim(), kb: size });
  }),
  labelled(
    'DRAM configuration is ',
    (record, value) => (record.dramConfiguration = value.replace(/\.$/, '')),
  ),
  matched(CONFIG_REGISTER, (record, [register, next]) => {
    record.configRegister = register!;
    record.nextConfigRegister = optional(next!);
  }),
  matched(BOARD_REVISIONS, (record, [revisions]) => (record.boardRevisions = revisions!)),
  matched(SWITCH_HEADER, (_record, [number], reader) => (reader.member = reader.stackMember(Number(number)))),
  matched(STACK_COLUMNS, () => undefined),
  matched(SWITCH_PROPERTY, (_record, [name, value], reader) => {
    const member = (reader.member ??= reader.stackMember(null));
    member.properties[name!] = value!;
    if (name === 'Base Ethernet MAC Address') member.macAddress = value!;
    else if (name === 'System Serial Number') member.serialNumber = value!;
    else if (name === 'Motherboard Serial Number') member.motherboardSerialNumber = value!;
    else if (name === 'Model Number') member.model = value!;
    else if (name === 'Switch uptime') return (member.uptimeSeconds = uptimeSeconds(value!)) !== null;
    return true;
  }),
];
