import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ssh2, { type Algorithms, type Client, type NegotiatedAlgorithms } from 'ssh2';
import type { LabSshService, LabSshSettings } from '../live/services.js';
import type { LiveLab } from '../live/types.js';
import { NO_FREE_VTY } from './connection.js';
import { MORE_ERASE, MORE_PROMPT } from './paging.js';
import { startLabSsh } from './server.js';
import {
  CREDENTIALS,
  frozenLab,
  Shell,
  connect,
  plain,
  sshSettings,
  temporaryDirectory,
} from './ssh-test-client.js';

const keyDir = temporaryDirectory();
const lab: LiveLab = frozenLab(6);
const clients: Client[] = [];
const services: LabSshService[] = [];

async function start(overrides: Partial<LabSshSettings> = {}): Promise<LabSshService> {
  const service = await startLabSsh(lab, sshSettings(keyDir.path, overrides));
  services.push(service);
  return service;
}

async function login(service: LabSshService, hostname: string): Promise<Shell> {
  const access = service.access(hostname);
  const client = await connect({ ...access, password: CREDENTIALS.password });
  clients.push(client);
  const shell = await Shell.open(client);
  await shell.until(`${hostname}>`);
  return shell;
}

async function enable(shell: Shell, hostname: string): Promise<void> {
  shell.send('enable\r');
  await shell.until('Password: ');
  shell.send(`${CREDENTIALS.enableSecret}\r`);
  await shell.until(`${hostname}#`);
}

let service: LabSshService;

beforeAll(async () => {
  service = await start();
});

afterAll(async () => {
  for (const client of clients) client.end();
  await Promise.all(services.map((running) => running.close()));
  lab.close();
  keyDir.remove();
});

describe('the lab SSH server, through a real ssh2 client', () => {
  it('logs in with a banner and a user prompt, then enables with the secret', async () => {
    const client = await connect({ ...service.access('hub1'), password: CREDENTIALS.password });
    clients.push(client);
    const shell = await Shell.open(client);
    const greeting = await shell.until('hub1>');
    expect(greeting).toContain('hub1: DMVPN lab router. Authorized access only.');
    shell.send('enable\r');
    await shell.until('Password: ');
    shell.send('wrong-secret\r');
    expect(plain(await shell.until('hub1>'))).toBe('\n% Access denied\n\nhub1>');
    await enable(shell, 'hub1');
    shell.send('show privilege\r');
    expect(plain(await shell.until('hub1#'))).toBe('show privilege\nCurrent privilege level is 15\nhub1#');
  });

  it('prints show dmvpn exactly as the lab renders it, after terminal length 0', async () => {
    const shell = await login(service, 'hub1');
    await enable(shell, 'hub1');
    shell.send('terminal length 0\r');
    await shell.until('hub1#');
    shell.send('sh dmvpn\r');
    const printed = plain(await shell.until('hub1#'));
    expect(printed).toBe(`sh dmvpn\n${lab.run('hub1', 'sh dmvpn', 'hub1#'.length)}hub1#`);
    expect(printed).toContain('Interface: Tunnel0');
  });

  it('pages long output with --More--: space for a screen, Enter for a line, q to stop', async () => {
    const shell = await login(service, 'spoke1');
    await enable(shell, 'spoke1');
    const expected = lab.run('spoke1', 'show running-config').split('\n');
    shell.send('show running-config\r');
    const first = await shell.until(MORE_PROMPT);
    expect(plain(first).split('\n').slice(1, -1)).toEqual(expected.slice(0, 23));
    shell.send(' ');
    const second = await shell.until(MORE_PROMPT);
    expect(second.startsWith(MORE_ERASE)).toBe(true);
    expect(plain(second.slice(MORE_ERASE.length)).split('\n').slice(0, -1)).toEqual(expected.slice(23, 46));
    shell.send('\r');
    const third = await shell.until(MORE_PROMPT);
    expect(plain(third)).toBe(`${MORE_ERASE}${expected[46]}\n${MORE_PROMPT}`);
    shell.send('q');
    expect(await shell.until('spoke1#')).toBe(`${MORE_ERASE}spoke1#`);
  });

  it('refuses like IOS: caret under the bad word, ambiguous and incomplete commands, privileged-only shows', async () => {
    const shell = await login(service, 'spoke2');
    shell.send('show running-config\r');
    expect(plain(await shell.until('spoke2>'))).toBe(
      `show running-config\n${' '.repeat(12)}^\n% Invalid input detected at '^' marker.\n\nspoke2>`,
    );
    shell.send('show dmvpn bogus\r');
    expect(plain(await shell.until('spoke2>'))).toBe(
      `show dmvpn bogus\n${' '.repeat(18)}^\n% Invalid input detected at '^' marker.\n\nspoke2>`,
    );
    shell.send('e\r');
    expect(plain(await shell.until('spoke2>'))).toBe('e\n% Ambiguous command:  "e"\nspoke2>');
    shell.send('terminal length\r');
    expect(plain(await shell.until('spoke2>'))).toBe('terminal length\n% Incomplete command.\n\nspoke2>');
    shell.send('configure terminal\r');
    expect(plain(await shell.until('spoke2>'))).toContain(`${' '.repeat(7)}^\n% Invalid input`);
  });

  it('refuses configuration without write access and records every line it received', async () => {
    const shell = await login(service, 'spoke3');
    await enable(shell, 'spoke3');
    shell.send('conf t\r');
    expect(plain(await shell.until('spoke3#'))).toBe('conf t\nCommand authorization failed.\nspoke3#');
    shell.send('clear crypto session\r');
    expect(plain(await shell.until('spoke3#'))).toContain('Command authorization failed.');
    expect(service.received('spoke3')).toEqual(['enable', 'conf t', 'clear crypto session']);
  });

  it('enters configuration mode with write access and leaves it with end', async () => {
    const writable = await start({ writeAccess: true, routerPorts: null });
    const shell = await login(writable, 'spoke4');
    await enable(shell, 'spoke4');
    shell.send('configure terminal\r');
    expect(plain(await shell.until('spoke4(config)#'))).toContain('End with CNTL/Z.');
    shell.send('interface Tunnel0\r');
    await shell.until('spoke4(config)#');
    shell.send('end\r');
    await shell.until('spoke4#');
    expect(writable.received('spoke4')).toEqual(['enable', 'configure terminal', 'interface Tunnel0', 'end']);
  });

  it('runs one command on an exec channel and exits with status 0', async () => {
    const client = await connect({ ...service.access('hub1'), password: CREDENTIALS.password });
    clients.push(client);
    const { output, code } = await new Promise<{ output: string; code: number }>((resolve, reject) =>
      client.exec('show version', (error, stream) => {
        if (error) return reject(error);
        let output = '';
        let code = -1;
        stream.on('data', (data: Buffer) => (output += data.toString()));
        stream.on('exit', (status: number) => (code = status));
        stream.on('close', () => resolve({ output, code }));
      }),
    );
    expect(code).toBe(0);
    expect(plain(output)).toBe(lab.run('hub1', 'show version'));
  });

  it('picks the router by username on the shared port and refuses an unknown one', async () => {
    const port = service.sharedPort()!;
    const client = await connect({
      host: '127.0.0.1',
      port,
      username: 'spoke5',
      password: CREDENTIALS.password,
    });
    clients.push(client);
    const shell = await Shell.open(client);
    await shell.until('spoke5>');
    await expect(
      connect({ host: '127.0.0.1', port, username: 'spoke99', password: CREDENTIALS.password }),
    ).rejects.toThrow(/authentication methods failed/);
  });

  it('closes the connection after three wrong passwords', async () => {
    let tries = 0;
    const closed = await new Promise<boolean>((resolve) => {
      void connect({
        ...service.access('hub1'),
        authHandler: (_methods, _partial, next) => {
          tries += 1;
          next({ type: 'password', username: CREDENTIALS.username, password: `wrong-${tries}` });
        },
      }).then(
        () => resolve(false),
        () => resolve(true),
      );
    });
    expect(closed).toBe(true);
    // The client never gives up: the server closed the connection after the third failure (a fourth try may
    // already have been on its way).
    expect(tries).toBeGreaterThanOrEqual(3);
    expect(tries).toBeLessThanOrEqual(4);
  });

  it('refuses a session beyond the vty lines of a router, but not on another router', async () => {
    const limited = await start({ maxSessionsPerRouter: 2, sharedPort: null });
    await login(limited, 'spoke1');
    await login(limited, 'spoke1');
    const client = await connect({ ...limited.access('spoke1'), password: CREDENTIALS.password });
    clients.push(client);
    const refused = await Shell.open(client);
    expect(await refused.rest()).toBe(NO_FREE_VTY);
    await login(limited, 'spoke2');
  });

  it('closes an idle session after exec-timeout', async () => {
    const impatient = await start({ idleTimeoutSeconds: 1, sharedPort: null });
    const shell = await login(impatient, 'hub1');
    await shell.rest(5000);
    expect(shell.closed).toBe(true);
  });

  it('delays output and still prints it whole', async () => {
    const slow = await start({ outputDelay: { baseMs: 20, perKilobyteMs: 5 }, sharedPort: null });
    const shell = await login(slow, 'hub1');
    shell.send('terminal length 0\rshow ip interface brief\r');
    await shell.until('hub1>');
    expect(plain(await shell.until('hub1>'))).toBe(
      `show ip interface brief\n${lab.run('hub1', 'show ip interface brief')}hub1>`,
    );
  });
});

describe('legacy routers and host keys', () => {
  const oldClient: Algorithms = {
    kex: ['diffie-hellman-group14-sha1'],
    serverHostKey: ['ssh-rsa'],
    cipher: ['aes128-cbc'],
    hmac: ['hmac-sha1'],
  };
  const modernOnly: Algorithms = {
    kex: ['curve25519-sha256'],
    serverHostKey: ['ssh-ed25519', 'rsa-sha2-256'],
    cipher: ['aes256-gcm@openssh.com'],
    hmac: ['hmac-sha2-256'],
  };

  it('negotiates old IOS algorithms with a legacy router and refuses a modern-only client', async () => {
    const legacy = await start({ legacyRouters: ['spoke6'], sharedPort: null });
    let negotiated: NegotiatedAlgorithms | undefined;
    const client = new ssh2.Client();
    clients.push(client);
    client.on('handshake', (algorithms) => (negotiated = algorithms));
    await new Promise<void>((resolve, reject) => {
      client.once('ready', resolve).once('error', reject);
      client.connect({ ...legacy.access('spoke6'), password: CREDENTIALS.password, algorithms: oldClient });
    });
    expect(negotiated).toMatchObject({
      kex: 'diffie-hellman-group14-sha1',
      serverHostKey: 'ssh-rsa',
      cs: { cipher: 'aes128-cbc', mac: 'hmac-sha1' },
    });
    await (await Shell.open(client)).until('spoke6>');
    await expect(
      connect({ ...legacy.access('spoke6'), password: CREDENTIALS.password, algorithms: modernOnly }),
    ).rejects.toThrow(/no matching/i);
    clients.push(
      await connect({ ...legacy.access('spoke5'), password: CREDENTIALS.password, algorithms: modernOnly }),
    );
  });

  it('shows the same host key per router across two starts with the same key folder', async () => {
    const fingerprints = async (running: LabSshService): Promise<string[]> => {
      const seen: string[] = [];
      for (const access of [running.access('hub1'), running.access('spoke2')]) {
        const client = await connect({
          ...access,
          password: CREDENTIALS.password,
          hostVerifier: (key: Buffer) => {
            seen.push(key.toString('base64'));
            return true;
          },
        });
        client.end();
      }
      return seen;
    };
    const first = await start({ sharedPort: null });
    const before = await fingerprints(first);
    await first.close();
    const second = await start({ sharedPort: null });
    const after = await fingerprints(second);
    expect(after).toEqual(before);
    expect(before[0]).not.toBe(before[1]);
  });
});
