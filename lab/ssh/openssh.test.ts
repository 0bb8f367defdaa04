import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabSshService } from '../live/services.js';
import type { LiveLab } from '../live/types.js';
import { startLabSsh } from './server.js';
import { CREDENTIALS, frozenLab, plain, sshSettings, temporaryDirectory } from './ssh-test-client.js';

const dir = temporaryDirectory();
const lab: LiveLab = frozenLab(3);
let service: LabSshService;
let askPass: string;

function requireOpenSsh(): void {
  if (spawnSync('ssh', ['-V']).error)
    throw new Error('OpenSSH client missing: apt-get install -y openssh-client');
}

/** Runs Debian's ssh with no terminal, the password given by SSH_ASKPASS. */
function ssh(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'setsid',
      [
        '-w',
        'ssh',
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'PubkeyAuthentication=no',
        '-o',
        'ConnectTimeout=10',
        ...args,
      ],
      { env: { ...process.env, SSH_ASKPASS: askPass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString('latin1')));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

beforeAll(async () => {
  requireOpenSsh();
  askPass = join(dir.path, 'askpass.sh');
  writeFileSync(askPass, `#!/bin/sh\necho '${CREDENTIALS.password}'\n`);
  chmodSync(askPass, 0o700);
  service = await startLabSsh(lab, sshSettings(join(dir.path, 'keys'), { legacyRouters: ['spoke3'] }));
});

afterAll(async () => {
  await service?.close();
  lab.close();
  dir.remove();
});

describe('the lab SSH server, through Debian OpenSSH', () => {
  it('runs `show version` as an exec request', async () => {
    const access = service.access('hub1');
    const result = await ssh([
      '-p',
      String(access.port),
      `${access.username}@${access.host}`,
      'show version',
    ]);
    expect(result.code).toBe(0);
    expect(plain(result.stdout)).toBe(lab.run('hub1', 'show version'));
  });

  it('drives a -tt shell through stdin on the shared port', async () => {
    const port = service.sharedPort()!;
    const script = 'enable\nLab-Enable1\nterminal length 0\nshow ip nhrp\nexit\n';
    const result = await ssh(['-tt', '-p', String(port), 'spoke2@127.0.0.1'], script);
    expect(result.code).toBe(0);
    const text = plain(result.stdout);
    expect(text).toContain('spoke2>enable\nPassword: \nspoke2#terminal length 0\nspoke2#show ip nhrp\n');
    expect(text).toContain(`show ip nhrp\n${lab.run('spoke2', 'show ip nhrp')}spoke2#exit`);
    expect(service.received('spoke2')).toEqual(['enable', 'terminal length 0', 'show ip nhrp', 'exit']);
  });

  it('reaches a legacy router only when the old algorithms are allowed', async () => {
    const access = service.access('spoke3');
    const target = [`-p`, String(access.port), `${access.username}@${access.host}`, 'show version'];
    const refused = await ssh(target);
    expect(refused.code).toBe(255);
    expect(refused.stderr).toMatch(/no matching (key exchange method|host key type)/);
    const allowed = await ssh([
      '-o',
      'KexAlgorithms=+diffie-hellman-group14-sha1',
      '-o',
      'HostKeyAlgorithms=+ssh-rsa',
      ...target,
    ]);
    expect(allowed.code).toBe(0);
    expect(plain(allowed.stdout)).toBe(lab.run('spoke3', 'show version'));
  });
});
