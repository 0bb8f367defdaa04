// Reads an inventory file into resolved devices. Every error names the file, the line and the field.

import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { DEVICE_DEFAULTS, type InventoryDevice, type SnmpAccess } from './device.js';
import { inventorySchema, type InventoryFile, type InventorySettings, type SecretSource } from './schema.js';
import { Secret } from './secret.js';

export class InventoryError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
    this.name = 'InventoryError';
  }
}

type Path = readonly (string | number)[];

export interface Inventory {
  file: string;
  devices: InventoryDevice[];
}

/** Where in a YAML file a path points: `line 12, devices.hub1.port`. */
export class Locator {
  constructor(
    private readonly document: ReturnType<typeof parseDocument>,
    private readonly lines: LineCounter,
  ) {}

  describe(path: Path): string {
    const field = path.length === 0 ? '(top level)' : path.join('.');
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = this.document.getIn(path.slice(0, depth), true) as
        { range?: [number, number, number] } | undefined;
      if (node?.range) return `line ${this.lines.linePos(node.range[0]).line}, ${field}`;
    }
    return field;
  }
}

export function loadInventory(file: string, env: NodeJS.ProcessEnv = process.env): Inventory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InventoryError(file, [`cannot read the inventory: ${(error as Error).message}`]);
  }
  return parseInventory(text, file, env);
}

export function parseInventory(text: string, file: string, env: NodeJS.ProcessEnv = process.env): Inventory {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new InventoryError(
      file,
      document.errors.map(
        (error) => `line ${lines.linePos(error.pos[0]).line}: not valid YAML: ${error.code}`,
      ),
    );
  }
  const locator = new Locator(document, lines);
  const checked = inventorySchema.safeParse(document.toJS() ?? {});
  if (!checked.success)
    throw new InventoryError(
      file,
      checked.error.issues.map((issue) => explain(issue, locator)),
    );
  // A Set: credentials shared by many devices report their problem once.
  const problems = new Set<string>();
  const devices = Object.entries(checked.data.devices).map(([name, entry]) =>
    resolveDevice(name, entry, checked.data, {
      env,
      problem: (path, message) => problems.add(`${locator.describe(path)}: ${message}`),
    }),
  );
  if (problems.size > 0) throw new InventoryError(file, [...problems]);
  return { file, devices };
}

function explain(issue: z.core.$ZodIssue, locator: Locator): string {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path];
  const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  return keys.map((keyPath) => `${locator.describe(keyPath)}: ${message}`).join('; ');
}

interface Resolution {
  env: NodeJS.ProcessEnv;
  problem(path: Path, message: string): void;
}

function resolveDevice(
  name: string,
  entry: InventoryFile['devices'][string],
  inventory: InventoryFile,
  resolution: Resolution,
): InventoryDevice {
  const here: Path = ['devices', name];
  const layers: InventorySettings[] = [inventory.defaults ?? {}];
  for (const [index, group] of (entry.groups ?? []).entries()) {
    const settings = inventory.groups?.[group];
    if (settings) layers.push(settings);
    else resolution.problem([...here, 'groups', index], `no group named "${group}" in groups`);
  }
  layers.push(entry);
  const pick = <K extends keyof InventorySettings>(key: K): InventorySettings[K] =>
    layers.reduce<InventorySettings[K]>((value, layer) => layer[key] ?? value, undefined);

  const credentialsName = pick('credentials');
  const credentials = credentialsName ? inventory.credentials?.[credentialsName] : undefined;
  if (!credentialsName)
    resolution.problem(here, 'no credentials (set credentials in defaults, a group or the device)');
  else if (!credentials)
    resolution.problem([...here], `credentials "${credentialsName}" are not defined under credentials`);
  const credentialPath: Path = ['credentials', credentialsName ?? ''];
  const secret = (source: SecretSource, path: Path): Secret => resolveSecret(source, path, resolution);
  const snmp = pick('snmp');
  return {
    name,
    host: entry.host,
    port: pick('port') ?? DEVICE_DEFAULTS.port,
    role: entry.role,
    platform: pick('platform') ?? DEVICE_DEFAULTS.platform,
    username: credentials?.username ?? '',
    password: credentials
      ? secret(credentials.password, [...credentialPath, 'password'])
      : new Secret('', 'none'),
    enableSecret: credentials?.enable ? secret(credentials.enable, [...credentialPath, 'enable']) : null,
    legacySsh: pick('legacySsh') ?? false,
    snmp: snmp ? resolveSnmp(snmp, secret, [...here, 'snmp']) : null,
    pollIntervalSeconds: pick('pollInterval') ?? DEVICE_DEFAULTS.pollIntervalSeconds,
    commandTimeoutSeconds: pick('commandTimeout') ?? DEVICE_DEFAULTS.commandTimeoutSeconds,
    extraCommands: layers.flatMap((layer) => layer.commands ?? []),
  };
}

function resolveSnmp(
  snmp: NonNullable<InventorySettings['snmp']>,
  secret: (source: SecretSource, path: Path) => Secret,
  path: Path,
): SnmpAccess {
  const port = snmp.port ?? DEVICE_DEFAULTS.snmpPort;
  if (snmp.version === '2c')
    return { version: '2c', port, community: secret(snmp.community, [...path, 'community']) };
  return {
    version: '3',
    port,
    user: snmp.user,
    authProtocol: snmp.authProtocol,
    authKey: secret(snmp.authKey, [...path, 'authKey']),
    privProtocol: snmp.privProtocol,
    privKey: secret(snmp.privKey, [...path, 'privKey']),
    context: snmp.context ?? '',
  };
}

function resolveSecret(source: SecretSource, path: Path, resolution: Resolution): Secret {
  if (typeof source === 'string') return new Secret(source, 'inline');
  if ('env' in source) {
    const value = resolution.env[source.env];
    if (value === undefined || value === '') {
      resolution.problem(path, `environment variable ${source.env} is not set`);
      return new Secret('', `env ${source.env}`);
    }
    return new Secret(value, `env ${source.env}`);
  }
  try {
    return new Secret(readFileSync(source.file, 'utf8').replace(/\r?\n$/, ''), `file ${source.file}`);
  } catch (error) {
    resolution.problem(
      path,
      `cannot read secret file ${source.file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
    return new Secret('', `file ${source.file}`);
  }
}
