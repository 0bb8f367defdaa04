// What every syslog transport offers the emitters: lines in, counts of what never left.

export interface SyslogSender {
  /** Sends one line (without framing); never throws, a line that cannot go is counted as dropped. */
  send(line: string): void;
  /** Lines given up so far: a failed datagram, or the oldest of a full queue while a TCP receiver is away. */
  dropped(): number;
  close(): Promise<void>;
}
