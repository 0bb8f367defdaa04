// Parses `show running-config` (whole, per interface, or the startup-config): what DMVPN, crypto and routing are set to.

import type { ConfigRecord } from '../model/records/config.js';
import type { ParseOptions } from '../model/parse.js';
import { words as splitWords } from './common/lines.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { isBlank } from './common/text.js';
import { NO_BLOCK, SKIPPED_BLOCK, type ConfigBlock, type Emit } from './config-common.js';
import { readCryptoLine } from './config-crypto.js';
import { InterfaceBlock, newInterface } from './config-interface.js';
import { readRouterLine, readStaticRoute } from './config-routing.js';
import { isOutOfScope } from './config-scope.js';

/** Lines IOS prints around the configuration itself. */
const FRAME =
  /^(?:Building configuration\.\.\.|Current configuration ?: ?\d+ bytes|Using \d+ out of \d+ bytes|end$)/;
const ROUTING_PROTOCOLS = new Set(['eigrp', 'ospf', 'bgp']);

interface OpenBlock {
  reader: ConfigBlock;
  /** The line that opened it, for warnings. */
  header: string;
}

class ConfigWalker {
  private block: OpenBlock | undefined;
  /** Inside a `banner` until its delimiter comes back. */
  private bannerDelimiter: string | undefined;
  private readonly emit: Emit<ConfigRecord>;

  constructor(
    private readonly out: ParseOutput<ConfigRecord>,
    private readonly options: ParseOptions,
  ) {
    this.emit = (record) => out.records.push(record);
  }

  line(index: number, raw: string): void {
    const text = raw.trim();
    if (text === '') return;
    if (this.bannerDelimiter !== undefined) {
      if (text.includes(this.bannerDelimiter)) this.bannerDelimiter = undefined;
      this.out.recognized++;
      return;
    }
    const indented = isBlank(raw.charCodeAt(0));
    if (text.charCodeAt(0) === 33 /* ! */) {
      if (!indented) this.block = undefined;
      this.out.recognized++;
      return;
    }
    const words = splitWords(text);
    if (words[0] === 'exit' && words.length === 1) {
      // Hand-written configs close blocks with `exit`; at the top level it ends the open block.
      if (!indented) this.block = undefined;
      this.out.recognized++;
      return;
    }
    if (indented) return this.childLine(index, words, text);
    // A hand-edited config may have lost its indentation: a line the open block understands still belongs to it.
    if (this.block && this.block.reader !== SKIPPED_BLOCK && this.block.reader.line(words, text)) {
      this.out.recognized++;
      return;
    }
    this.topLevelLine(index, words, text);
  }

  private childLine(index: number, words: string[], text: string): void {
    if (!this.block && this.options.filtered) this.adoptOrphan(index, words, text);
    else if (!this.block) this.out.warn(index, 'an indented line outside any block');
    else if (this.block.reader.line(words, text)) this.out.recognized++;
    else this.out.warn(index, `not understood inside \`${this.block.header}\``);
  }

  /**
   * `| include` and `| section` outputs can keep interface lines without their `interface` line: they are kept
   * in an interface record whose name is unknown.
   */
  private adoptOrphan(index: number, words: string[], text: string): void {
    const record = newInterface(null, index + 1);
    const reader = new InterfaceBlock(record);
    if (!reader.line(words, text)) {
      this.out.warn(index, 'a configuration line whose block header was filtered out');
      return;
    }
    this.emit(record);
    this.block = { reader, header: 'interface (filtered out)' };
    this.out.recognized++;
  }

  private topLevelLine(index: number, words: string[], text: string): void {
    const reader = this.topLevelReader(index, words, text);
    if (reader === undefined) {
      this.block = undefined;
      this.out.warn(index, 'not a configuration command this parser knows');
      return;
    }
    this.block = { reader, header: text };
    this.out.recognized++;
  }

  private topLevelReader(index: number, words: string[], text: string): ConfigBlock | undefined {
    const [first, second] = words;
    const line = index + 1;
    switch (first) {
      case 'hostname':
        if (second === undefined) return undefined;
        this.emit({ kind: 'config_hostname', line, hostname: second });
        return NO_BLOCK;
      case 'interface': {
        if (second === undefined) return undefined;
        const record = newInterface(second, line);
        this.emit(record);
        return new InterfaceBlock(record);
      }
      case 'crypto':
        return readCryptoLine(words, text, line, this.emit);
      case 'router':
        if (second !== undefined && ROUTING_PROTOCOLS.has(second))
          return readRouterLine(words, line, this.emit);
        break;
      case 'ip':
        if (second === 'route') return readStaticRoute(words, line, this.emit);
        break;
      case 'banner':
        return this.bannerLine(words, text);
    }
    if (FRAME.test(text)) return NO_BLOCK;
    return isOutOfScope(words) ? SKIPPED_BLOCK : undefined;
  }

  /** `banner motd ^C ... ^C`: everything up to the closing delimiter is the banner's text. */
  private bannerLine(words: string[], text: string): ConfigBlock {
    const delimiter = words[2];
    if (delimiter !== undefined) {
      const start = text.indexOf(delimiter) + delimiter.length;
      if (!text.slice(start).includes(delimiter)) this.bannerDelimiter = delimiter;
    }
    return SKIPPED_BLOCK;
  }
}

export const showRunningConfig = defineParser<ConfigRecord>({
  command: 'show running-config',
  syntax: [
    'show running-config',
    'show running-config interface <interface>',
    'show running-config all',
    'show startup-config',
  ],
  detect: (text) =>
    /^(?:Building configuration\.\.\.|Current configuration ?: ?\d+ bytes|Using \d+ out of \d+ bytes)\s*$/m.test(
      text,
    ) ||
    (/^hostname \S+\s*$/m.test(text) && /^interface \S+/m.test(text)),
  parse(out, options) {
    const walker = new ConfigWalker(out, options);
    for (let i = 0; i < out.lines.length; i++) walker.line(i, out.lines[i]!);
  },
});
