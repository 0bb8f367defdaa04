// Splits one TCP syslog connection into messages. RFC 6587 allows two framings and a sender does not say which it
// uses: a connection whose first byte is a digit uses octet counting (`LEN SP MSG`), one that starts with `<` uses
// non-transparent framing (each message ends with LF, CRLF or NUL). The first byte decides for the connection.

export type TcpFraming = 'octet-counting' | 'newline';

export class FramingError extends Error {}

/** Longest message taken; a longer one means the stream is not syslog (or not framed as it says). */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

/** Digits of the largest length prefix accepted. */
const MAX_LENGTH_DIGITS = 6;

export class SyslogFrameSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private framing: TcpFraming | null = null;

  constructor(
    private readonly onMessage: (message: string) => void,
    private readonly maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
  ) {}

  /** The framing the connection uses, once its first byte came. */
  detected(): TcpFraming | null {
    return this.framing;
  }

  /** Takes the next bytes of the stream; throws FramingError when they cannot be syslog. */
  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      this.skipSeparators();
      if (this.pending.length === 0) return;
      this.framing ??= detect(this.pending[0]!);
      const taken = this.framing === 'octet-counting' ? this.takeCounted() : this.takeLine();
      if (!taken) return;
    }
  }

  /** The stream ended: a last newline-framed message without its terminator still counts. */
  end(): void {
    this.skipSeparators();
    if (this.pending.length === 0) return;
    if (this.framing === 'newline') this.emit(this.pending);
    else throw new FramingError(`connection closed inside a frame (${this.pending.length} bytes pending)`);
    this.pending = Buffer.alloc(0);
  }

  private emit(bytes: Buffer): void {
    this.onMessage(bytes.toString('utf8'));
  }

  /** Line ends left between frames (a CRLF sender, a LF after an octet-counted frame). */
  private skipSeparators(): void {
    let start = 0;
    while (start < this.pending.length && isSeparator(this.pending[start]!)) start++;
    if (start > 0) this.pending = this.pending.subarray(start);
  }

  private takeCounted(): boolean {
    const space = this.pending.indexOf(32);
    const digits = space < 0 ? this.pending.length : space;
    for (let i = 0; i < Math.min(digits, MAX_LENGTH_DIGITS + 1); i++) {
      const byte = this.pending[i]!;
      if (byte < 48 || byte > 57)
        throw new FramingError(`octet count expected, got ${describe(this.pending)}`);
    }
    if (digits > MAX_LENGTH_DIGITS) throw new FramingError(`octet count too long: ${describe(this.pending)}`);
    if (space < 0) return false;
    const length = Number(this.pending.subarray(0, space).toString('ascii'));
    if (length === 0 || length > this.maxMessageBytes) {
      throw new FramingError(`octet count ${length} outside 1..${this.maxMessageBytes}`);
    }
    if (this.pending.length < space + 1 + length) return false;
    this.emit(this.pending.subarray(space + 1, space + 1 + length));
    this.pending = this.pending.subarray(space + 1 + length);
    return true;
  }

  private takeLine(): boolean {
    let end = -1;
    for (let i = 0; i < this.pending.length; i++) {
      if (this.pending[i] === 10 || this.pending[i] === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      if (this.pending.length > this.maxMessageBytes) {
        throw new FramingError(`no line end in ${this.pending.length} bytes`);
      }
      return false;
    }
    const line = this.pending.subarray(0, end > 0 && this.pending[end - 1] === 13 ? end - 1 : end);
    this.pending = this.pending.subarray(end + 1);
    this.emit(line);
    return true;
  }
}

function isSeparator(byte: number): boolean {
  return byte === 10 || byte === 13 || byte === 0;
}

function detect(first: number): TcpFraming {
  if (first >= 49 && first <= 57) return 'octet-counting';
  if (first === 60 /* < */) return 'newline';
  throw new FramingError(`a syslog stream starts with a digit or "<", got byte 0x${first.toString(16)}`);
}

function describe(bytes: Buffer): string {
  return JSON.stringify(bytes.subarray(0, 16).toString('latin1'));
}
