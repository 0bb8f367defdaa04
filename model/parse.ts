// The contract every parser keeps: text in, typed records and explained warnings out.

/** A line the parser did not understand, kept so that nothing is silently dropped. */
export interface ParseWarning {
  /** 1-based line number in the parsed text. */
  line: number;
  text: string;
  reason: string;
}

/** Why a whole output could not be parsed (the router refused the command, or it is not this command's output). */
export interface CliError {
  kind:
    | 'invalid-input'
    | 'ambiguous-command'
    | 'incomplete-command'
    | 'unknown-command'
    | 'empty'
    | 'not-recognized';
  line: number;
  text: string;
  message: string;
}

/** Every record names its kind and the line it starts on, so evidence can point at the router's own words. */
export interface RecordBase<K extends string> {
  kind: K;
  /** 1-based line number where the record starts in the parsed text. */
  line: number;
}

export interface ParseResult<R = unknown> {
  /** Canonical command, e.g. `show ip nhrp nhs detail`. */
  command: string;
  records: R[];
  warnings: ParseWarning[];
  error?: CliError;
}

export interface ParseOptions {
  /** The output went through `| include`, `| section`, `| begin` ...: missing headers and blocks are expected. */
  filtered?: boolean;
  /** Arguments of the command line after the keywords (e.g. the peer of `show crypto ipsec sa peer X`). */
  args?: string[];
}
