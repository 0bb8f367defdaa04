// One IOS exec session on a vty: what the router prints for the keys a client sends, prompt to prompt.

import type { LiveLab } from '../live/types.js';
import type { LabSshSettings } from '../live/services.js';
import { interpretLine, type ExecAction, type ExecMode } from './exec-commands.js';
import { Pager } from './paging.js';

export interface ExecOutput {
  write(text: string): void;
  /** Closes the session (exit, logout, exec-timeout). */
  end(): void;
}

export interface ExecRouter {
  lab: LiveLab;
  hostname: string;
  settings: Pick<LabSshSettings, 'credentials' | 'outputDelay' | 'writeAccess' | 'idleTimeoutSeconds'>;
  /** Every command line the router received. */
  record(line: string): void;
}

export const DEFAULT_TERMINAL_LENGTH = 24;

export function banner(hostname: string): string {
  return `${hostname}: DMVPN lab router. Authorized access only.`;
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type Reading = 'command' | 'enable-secret' | 'pager';

export class ExecSession {
  private mode: ExecMode = 'user';
  private terminalLength = DEFAULT_TERMINAL_LENGTH;
  private reading: Reading = 'command';
  private line = '';
  private pending: string[] = [];
  private busy = false;
  private closed = false;
  private afterCarriageReturn = false;
  private inEscape = false;
  private pager: Pager | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private interactive = false;

  /** `echo`: the client has a terminal (a pty), which IOS echoes typed characters to. */
  constructor(
    private readonly router: ExecRouter,
    private readonly output: ExecOutput,
    private readonly echo: boolean,
  ) {}

  /** Starts an interactive session: banner, then the prompt. */
  start(): void {
    this.interactive = true;
    this.write(`\n${banner(this.router.hostname)}\n\n${this.prompt()}`);
    this.touch();
  }

  /** An `exec` request (`ssh router "show version"`): one command, its whole output, no pager. */
  async runOne(line: string): Promise<void> {
    this.router.record(line);
    const action = interpretLine(line, this.context());
    if (action.kind === 'show') this.write(await this.showOutput(line));
    else if (action.kind === 'print') this.write(action.text);
  }

  /** Bytes typed by the client. */
  receive(data: string): void {
    if (this.closed) return;
    this.touch();
    this.pending.push(...data);
    this.pump();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.idleTimer);
  }

  private prompt(): string {
    const hostname = this.router.hostname;
    if (this.mode === 'config') return `${hostname}(config)#`;
    return `${hostname}${this.mode === 'user' ? '>' : '#'}`;
  }

  private context() {
    return {
      mode: this.mode,
      writeAccess: this.router.settings.writeAccess,
      promptLength: this.prompt().length,
    };
  }

  private write(text: string): void {
    if (!this.closed) this.output.write(crlf(text));
  }

  private end(): void {
    if (this.closed) return;
    this.close();
    this.output.end();
  }

  /** exec-timeout counts from the last key the client sent. */
  private touch(): void {
    const seconds = this.router.settings.idleTimeoutSeconds;
    if (!this.interactive || seconds <= 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.end(), seconds * 1000);
  }

  private pump(): void {
    while (!this.busy && !this.closed && this.pending.length > 0) this.key(this.pending.shift()!);
  }

  private key(key: string): void {
    const lineFeedOfEnter = key === '\n' && this.afterCarriageReturn;
    this.afterCarriageReturn = key === '\r';
    if (lineFeedOfEnter) return;
    if (this.reading === 'pager') return this.pagerKey(key);
    const enter = key === '\r' || key === '\n';
    if (this.reading === 'enable-secret') {
      if (enter) this.checkSecret();
      else if (key === '\x7f' || key === '\b') this.line = this.line.slice(0, -1);
      else this.line += key;
      return;
    }
    if (this.inEscape) {
      // An arrow or function key: ESC [ ... final byte; IOS's history and cursor keys are not simulated.
      if (key >= '@' && key <= '~' && key !== '[') this.inEscape = false;
      return;
    }
    if (enter) return this.submit();
    if (key === '\x1b') this.inEscape = true;
    else if (key === '\x7f' || key === '\b') {
      if (this.line.length > 0) {
        this.line = this.line.slice(0, -1);
        if (this.echo) this.write('\b \b');
      }
    } else if (key === '\x1a' && this.mode === 'config') {
      this.line = '';
      this.mode = 'privileged';
      this.write(`^Z\n${this.prompt()}`);
    } else if (key >= ' ' || key === '\t') {
      this.line += key;
      if (this.echo) this.write(key);
    }
  }

  private submit(): void {
    const line = this.line;
    this.line = '';
    if (this.echo) this.write('\n');
    if (line.trim() !== '') this.router.record(line);
    this.busy = true;
    this.perform(line, interpretLine(line, this.context()))
      .catch((error: unknown) => this.write(`% ${(error as Error).message}\n`))
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }

  private async perform(line: string, action: ExecAction): Promise<void> {
    switch (action.kind) {
      case 'show':
        return this.page(await this.showOutput(line));
      case 'print':
        this.write(action.text);
        break;
      case 'enable':
        if (this.mode === 'user') {
          this.reading = 'enable-secret';
          this.write('Password: ');
          return;
        }
        break;
      case 'disable':
        this.mode = 'user';
        break;
      case 'exit':
        if (this.mode !== 'config') return this.end();
        this.mode = 'privileged';
        break;
      case 'configure':
        this.mode = 'config';
        this.write('Enter configuration commands, one per line.  End with CNTL/Z.\n');
        break;
      case 'end':
        this.mode = 'privileged';
        break;
      case 'terminal-length':
        this.terminalLength = action.lines;
        break;
      case 'none':
        break;
    }
    this.write(this.prompt());
  }

  /** The router's answer, after the time a real router's CPU takes to build that much text. */
  private async showOutput(line: string): Promise<string> {
    const { lab, hostname, settings } = this.router;
    const text = lab.run(hostname, line, this.prompt().length);
    const { baseMs, perKilobyteMs } = settings.outputDelay;
    const delay = baseMs + (perKilobyteMs * text.length) / 1024;
    if (delay > 0) await sleep(delay);
    return text;
  }

  private page(text: string): void {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (Pager.fits(lines, this.terminalLength)) {
      this.write(`${text}${this.prompt()}`);
      return;
    }
    this.pager = new Pager(lines, this.terminalLength);
    this.reading = 'pager';
    this.showStep(this.pager.start());
  }

  private pagerKey(key: string): void {
    this.showStep(this.pager!.key(key));
  }

  private showStep(step: { text: string; done: boolean }): void {
    this.write(step.text);
    if (!step.done) return;
    this.pager = undefined;
    this.reading = 'command';
    this.write(this.prompt());
  }

  private checkSecret(): void {
    const typed = this.line;
    this.line = '';
    this.reading = 'command';
    this.write('\n');
    // With AAA the enable secret gets one try, and a wrong one is answered `% Access denied`.
    if (typed === this.router.settings.credentials.enableSecret) this.mode = 'privileged';
    else this.write('% Access denied\n\n');
    this.write(this.prompt());
  }
}
