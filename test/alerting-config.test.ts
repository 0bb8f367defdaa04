// The `alerting` section of the serve configuration file: read with its defaults, and a mistake named by line.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServeConfig } from '../cli/serve/config.js';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'alerting-config-'));
});

afterEach(() => rmSync(directory, { recursive: true, force: true }));

function configFile(text: string): string {
  const file = join(directory, 'serve.yaml');
  writeFileSync(file, text);
  return file;
}

describe('the alerting section of serve.yaml', () => {
  it('reads rules, receivers and silences with their defaults', () => {
    const config = loadServeConfig(
      configFile(
        [
          'alerting:',
          '  deviceGroups: { east: "spoke(1|2)[0-9]" }',
          '  receivers:',
          '    - { name: noc, kind: webhook, url: "http://127.0.0.1:9000/hook" }',
          '    - { name: am, kind: alertmanager, url: "http://127.0.0.1:9093" }',
          '    - { name: chat, kind: slack, url: { env: SLACK_WEBHOOK_URL } }',
          '  rules:',
          '    - { name: critical, minSeverity: critical, forSeconds: 60, receivers: [noc, am] }',
          '    - { name: east-flaps, group: east, flaps: { count: 3, windowSeconds: 600 } }',
          '  silences:',
          '    - matchers: { device: spoke12 }',
          '      startsAt: 2026-11-25T22:00:00Z',
          '      endsAt: 2026-11-26T02:00:00Z',
          '      comment: change 4711',
        ].join('\n'),
      ),
    );
    expect(config.alerting.evaluateSeconds).toBe(15);
    expect(config.alerting.retry).toEqual({ initialSeconds: 5, maxSeconds: 300, giveUpHours: 24 });
    expect(config.alerting.rules[0]).toMatchObject({ forSeconds: 60, resolveAfterSeconds: 0 });
    expect(config.alerting.rules[1]!.flaps).toEqual({ count: 3, windowSeconds: 600, severity: 'major' });
    expect(config.alerting.receivers[2]!.url).toEqual({ env: 'SLACK_WEBHOOK_URL' });
  });

  it('has no rules without the section', () => {
    expect(loadServeConfig(configFile('dataDir: ./data\n')).alerting.rules).toEqual([]);
  });

  it('names the line of a rule that points to a receiver that does not exist', () => {
    const file = configFile(
      ['alerting:', '  rules:', '    - name: critical', '      receivers: [pager]'].join('\n'),
    );
    expect(() => loadServeConfig(file)).toThrow(/line 4.*no receiver named "pager"/);
  });
});
