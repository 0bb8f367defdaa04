import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InventoryError, loadInventory, parseInventory } from './load.js';

const GOOD = `
defaults:
  platform: iosxe
  credentials: noc
  pollInterval: 5m
  snmp:
    version: '2c'
    community: { env: LAB_COMMUNITY }
credentials:
  noc:
    username: netops
    password: { env: LAB_PASSWORD }
    enable: { env: LAB_ENABLE }
groups:
  hubs:
    pollInterval: 60s
    commands: [show ip nhrp nhs detail]
  old:
    legacySsh: true
    platform: ios
devices:
  hub1:
    host: 127.0.0.1
    port: 2201
    role: hub
    groups: [hubs]
    snmp: { version: '3', port: 1161, user: watch, authKey: { env: LAB_AUTH }, privKey: { env: LAB_PRIV }, context: hub1 }
  spoke1:
    host: 127.0.0.1
    port: 2202
    role: spoke
    groups: [old]
    commandTimeout: 10
`;

const ENV = {
  LAB_COMMUNITY: 'community-value',
  LAB_PASSWORD: 'password-value',
  LAB_ENABLE: 'enable-value',
  LAB_AUTH: 'auth-key-value',
  LAB_PRIV: 'priv-key-value',
};

/** The line of `text` that holds `fragment`, counted from 1 as editors do. */
function lineOf(text: string, fragment: string): number {
  return text.split('\n').findIndex((line) => line.includes(fragment)) + 1;
}

function problemsOf(text: string, env: NodeJS.ProcessEnv = ENV): string {
  try {
    parseInventory(text, 'inv.yaml', env);
  } catch (error) {
    expect(error).toBeInstanceOf(InventoryError);
    return (error as Error).message;
  }
  throw new Error('the inventory was accepted');
}

describe('inventory', () => {
  it('merges defaults, groups in order and the device, and resolves secrets from the environment', () => {
    const { devices } = parseInventory(GOOD, 'inv.yaml', ENV);
    const [hub1, spoke1] = devices;
    expect(hub1).toMatchObject({
      name: 'hub1',
      port: 2201,
      role: 'hub',
      platform: 'iosxe',
      username: 'netops',
      pollIntervalSeconds: 60,
      commandTimeoutSeconds: 30,
      legacySsh: false,
      extraCommands: ['show ip nhrp nhs detail'],
      snmp: {
        version: '3',
        port: 1161,
        user: 'watch',
        authProtocol: 'sha',
        privProtocol: 'aes',
        context: 'hub1',
      },
    });
    expect(hub1!.password.reveal()).toBe('password-value');
    expect(hub1!.enableSecret?.reveal()).toBe('enable-value');
    expect(spoke1).toMatchObject({
      platform: 'ios',
      legacySsh: true,
      pollIntervalSeconds: 300,
      commandTimeoutSeconds: 10,
    });
    expect(spoke1!.snmp).toMatchObject({ version: '2c', port: 161 });
  });

  it('never prints a secret', () => {
    const { devices } = parseInventory(GOOD, 'inv.yaml', ENV);
    const shown = `${JSON.stringify(devices)} ${inspect(devices, { depth: 9 })} ${String(devices[0]!.password)}`;
    for (const value of Object.values(ENV)) expect(shown).not.toContain(value);
    expect(inspect(devices[0]!.password)).toBe('Secret(env LAB_PASSWORD)');
  });

  it('reads a secret from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inventory-'));
    writeFileSync(join(dir, 'password'), 's3cret\n');
    const file = join(dir, 'inventory.yaml');
    writeFileSync(
      file,
      `credentials: { c: { username: u, password: { file: ${join(dir, 'password')} } } }\n` +
        `devices: { r1: { host: 10.0.0.1, role: spoke, credentials: c } }\n`,
    );
    expect(loadInventory(file, {}).devices[0]!.password.reveal()).toBe('s3cret');
  });

  it('names the file, line and field of a wrong value', () => {
    const text = GOOD.replace('port: 2202', 'port: 70000');
    expect(problemsOf(text)).toBe(
      `inv.yaml: line ${lineOf(text, 'port: 70000')}, devices.spoke1.port: Too big: expected number to be <=65535`,
    );
  });

  it('names an unknown field, an unknown group and unknown credentials', () => {
    const text = GOOD.replace('    role: spoke', '    role: spoke\n    passwd: x');
    expect(problemsOf(text)).toBe(
      `inv.yaml: line ${lineOf(text, 'passwd')}, devices.spoke1.passwd: unknown field`,
    );
    expect(problemsOf(GOOD.replace('groups: [old]', 'groups: [oldd]'))).toMatch(
      /devices\.spoke1\.groups\.0: no group named "oldd"/,
    );
    expect(problemsOf(GOOD.replace('credentials: noc', 'credentials: nope'))).toMatch(
      /credentials "nope" are not defined/,
    );
  });

  it('names a missing environment variable and a missing secret file', () => {
    expect(problemsOf(GOOD, { ...ENV, LAB_PASSWORD: undefined })).toBe(
      `inv.yaml: line ${lineOf(GOOD, 'LAB_PASSWORD')}, credentials.noc.password: environment variable LAB_PASSWORD is not set`,
    );
    expect(problemsOf(GOOD.replace('{ env: LAB_ENABLE }', '{ file: /nonexistent/enable }'))).toMatch(
      /credentials\.noc\.enable: cannot read secret file \/nonexistent\/enable: ENOENT/,
    );
  });

  it('refuses a file that is not YAML or not an inventory, and a missing file', () => {
    expect(problemsOf('devices:\n  - a: b\n c')).toMatch(/^inv\.yaml: \n? *line \d+: not valid YAML/);
    expect(problemsOf('hosts: {}')).toMatch(/devices: /);
    expect(() => loadInventory('/nonexistent/inventory.yaml')).toThrow(
      /\/nonexistent\/inventory\.yaml: cannot read the inventory: ENOENT/,
    );
  });

  it('reads durations in seconds, minutes and hours', () => {
    const text = GOOD.replace('pollInterval: 60s', 'pollInterval: 1.5h');
    expect(parseInventory(text, 'inv.yaml', ENV).devices[0]!.pollIntervalSeconds).toBe(5400);
    expect(problemsOf(GOOD.replace('pollInterval: 60s', 'pollInterval: soon'))).toMatch(
      /groups\.hubs\.pollInterval: expected a duration such as 30s, 5m or 1h/,
    );
  });
});
