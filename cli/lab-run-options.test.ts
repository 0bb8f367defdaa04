import { describe, expect, it } from 'vitest';
import { LAB_OPTION_DEFAULTS } from './lab-options.js';
import {
  LAB_RUN_DEFAULTS,
  parseLabRunOptions,
  parseSyslogReceiver,
  parseTrapReceiver,
} from './lab-run-options.js';

const defaults = { ...LAB_OPTION_DEFAULTS, ...LAB_RUN_DEFAULTS, fault: [], syslog: [], trap: [] };

describe('dmvpn-watch lab options', () => {
  it('reads syslog and trap receivers, IPv6 hosts in brackets', () => {
    expect(parseSyslogReceiver('udp:10.0.0.5:514')).toEqual({
      transport: 'udp',
      host: '10.0.0.5',
      port: 514,
    });
    expect(parseSyslogReceiver('tcp:[::1]:6514')).toEqual({ transport: 'tcp', host: '::1', port: 6514 });
    expect(parseTrapReceiver('v2c:collector:162')).toEqual({ version: '2c', host: 'collector', port: 162 });
    expect(parseTrapReceiver('v3:127.0.0.1:1162')).toEqual({ version: '3', host: '127.0.0.1', port: 1162 });
  });

  it('refuses a receiver it cannot read, naming the option', () => {
    expect(() => parseSyslogReceiver('udp:514')).toThrow('--syslog udp:514: give HOST:PORT after the kind');
    expect(() => parseTrapReceiver('v1:host:162')).toThrow(
      '--trap v1:host:162: write v2c:HOST:PORT or v3:HOST:PORT',
    );
    expect(() => parseTrapReceiver('v2c:host:0')).toThrow('--trap v2c:host:0: the port must be 1 to 65535');
  });

  it('turns the options into the settings of a running lab', () => {
    const input = parseLabRunOptions({
      ...defaults,
      spokes: '4',
      sshBasePort: '2200',
      fault: ['nhrp-auth-mismatch@spoke2'],
      speed: '10',
      syslog: ['udp:127.0.0.1:5514'],
    });
    expect(input).toMatchObject({
      network: { spokes: 4, hubs: 1, phase: 3 },
      faults: ['nhrp-auth-mismatch@spoke2'],
      speed: 10,
      ssh: { basePort: 2200, sharedPort: 0 },
      snmp: { sharedPort: 0 },
      syslog: [{ transport: 'udp', host: '127.0.0.1', port: 5514 }],
      control: { port: 0 },
      dataDir: './data/lab',
    });
  });

  it('refuses a speed or a port out of range', () => {
    expect(() => parseLabRunOptions({ ...defaults, speed: '0' })).toThrow('--speed must be');
    expect(() => parseLabRunOptions({ ...defaults, controlPort: 'x' })).toThrow(
      '--control-port must be a port',
    );
    expect(() => parseLabRunOptions({ ...defaults, fault: ['a@b@c'] })).toThrow(
      '--fault a@b@c: write ID or ID@DEVICE',
    );
  });
});
