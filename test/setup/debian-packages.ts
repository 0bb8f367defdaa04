// The Debian programs the integration suites talk to. Installed once before the tests when we are root (as in CI);
// otherwise a missing one fails the run with the exact line that installs it, so no suite is ever skipped.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The program each suite needs, and the package that brings it. */
export const DEBIAN_PROGRAMS: readonly { program: string; pkg: string }[] = [
  { program: '/usr/bin/ssh', pkg: 'openssh-client' },
  { program: '/usr/bin/snmpwalk', pkg: 'snmp' },
  { program: '/usr/sbin/snmptrapd', pkg: 'snmptrapd' },
  { program: '/usr/bin/influxd', pkg: 'influxdb' },
  { program: '/usr/bin/redis-server', pkg: 'redis-server' },
  { program: '/usr/bin/chromium', pkg: 'chromium' },
];

function aptGet(args: string[]): void {
  execFileSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export default function ensureDebianPackages(): void {
  const missing = DEBIAN_PROGRAMS.filter(({ program }) => !existsSync(program)).map(({ pkg }) => pkg);
  if (missing.length === 0) return;
  const line = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `the integration tests need Debian packages that are not installed; run as root: ${line}`,
    );
  }
  try {
    aptGet(['install', '-y', ...missing]);
  } catch {
    aptGet(['update']);
    aptGet(['install', '-y', ...missing]);
  }
}
