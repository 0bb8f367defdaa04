// Why a session with a router failed, each naming the device and what to check.

export type SshFailureKind =
  'unreachable' | 'auth' | 'host-key' | 'timeout' | 'closed' | 'enable' | 'protocol';

export class SshSessionError extends Error {
  constructor(
    readonly device: string,
    readonly kind: SshFailureKind,
    message: string,
  ) {
    super(`${device}: ${message}`);
    this.name = 'SshSessionError';
  }
}

export class CommandTimeoutError extends SshSessionError {
  constructor(
    device: string,
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(
      device,
      'timeout',
      `"${command}" gave no prompt back within ${timeoutMs / 1000} s; the session was closed`,
    );
    this.name = 'CommandTimeoutError';
  }
}
