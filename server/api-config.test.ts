// The api section of the serve configuration, its tokens from env or files, and the per-token action allowance.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServeConfig, ServeConfigError } from '../cli/serve/config.js';
import { resolveApiTokens } from './api-config.js';
import { TokenAuthority } from './auth.js';
import { RateLimiter } from './rate-limit.js';

const directory = mkdtempSync(join(tmpdir(), 'api-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function configFile(yaml: string): string {
  const file = join(directory, `config-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

describe('the api configuration', () => {
  it('listens on 127.0.0.1 (port 8080 unless set) with no token by default', () => {
    expect(loadServeConfig().api).toEqual({ host: '127.0.0.1', tokens: [], actionsPerMinute: 10 });
  });

  it('reads tokens named by environment variable or file, never inline', () => {
    const secretFile = join(directory, 'viewer.token');
    writeFileSync(secretFile, 'from-a-file\n');
    const config = loadServeConfig(
      configFile(
        [
          'api:',
          '  port: 9090',
          '  tokens:',
          '    - { name: grafana, role: viewer, token: { file: ' + JSON.stringify(secretFile) + ' } }',
          '    - { name: noc, role: operator, token: { env: NOC_TOKEN } }',
        ].join('\n'),
      ),
    );
    expect(config.api.port).toBe(9090);
    const tokens = resolveApiTokens(config.api, { NOC_TOKEN: 'from-env', DMVPN_WATCH_VIEWER_TOKEN: 'extra' });
    expect(tokens).toEqual([
      { name: 'grafana', role: 'viewer', secret: 'from-a-file' },
      { name: 'noc', role: 'operator', secret: 'from-env' },
      { name: 'DMVPN_WATCH_VIEWER_TOKEN', role: 'viewer', secret: 'extra' },
    ]);
    expect(() => resolveApiTokens(config.api, {})).toThrow(
      'api token "noc": environment variable NOC_TOKEN is not set',
    );
  });

  it('refuses an inline token and an unknown role, naming the field', () => {
    const inline = configFile('api:\n  tokens:\n    - { name: x, role: viewer, token: s3cret }\n');
    expect(() => loadServeConfig(inline)).toThrow(ServeConfigError);
    expect(() => loadServeConfig(inline)).toThrow(/api\.tokens\.0\.token/);
    expect(() => loadServeConfig(inline)).not.toThrow(/s3cret/);
    const role = configFile('api:\n  tokens:\n    - { name: x, role: admin, token: { env: X } }\n');
    expect(() => loadServeConfig(role)).toThrow(/api\.tokens\.0\.role/);
  });
});

describe('tokens and allowances', () => {
  it('knows a token by its secret only', () => {
    const authority = new TokenAuthority([
      { name: 'a', role: 'viewer', secret: 'alpha' },
      { name: 'b', role: 'operator', secret: 'bravo' },
    ]);
    expect(authority.authenticate('Bearer bravo')).toEqual({ name: 'b', role: 'operator' });
    expect(authority.authenticate('bearer alpha')).toEqual({ name: 'a', role: 'viewer' });
    expect(() => authority.authenticate('Bearer alph')).toThrow('unknown bearer token');
    expect(() => authority.authenticate('Basic YTpi')).toThrow(/expected Bearer/);
  });

  it('allows a burst, then one action per refill interval', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    limiter.take('a', 'poll');
    limiter.take('a', 'poll');
    expect(() => limiter.take('a', 'poll')).toThrow(/try again in 30 s/);
    limiter.take('b', 'poll');
    now += 30_000;
    limiter.take('a', 'poll');
    expect(() => limiter.take('a', 'poll')).toThrow(/rate limit/);
  });
});
