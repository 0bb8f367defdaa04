#!/usr/bin/env node
// The `dmvpn-watch` command.

import { Command, Option } from 'commander';
import { UnknownOutputError } from '../parsers/parse-text.js';
import { readInput, runParse } from './parse-command.js';

const program = new Command()
  .name('dmvpn-watch')
  .description('Watches and diagnoses Cisco DMVPN networks (mGRE + NHRP + IPsec).')
  .showHelpAfterError();

program
  .command('parse')
  .description('Parse router output (one command, or a terminal session log with prompt lines) into records.')
  .argument('[file]', 'file to read, or - for standard input', '-')
  .option(
    '-c, --command <command>',
    'the command that printed the text, e.g. "show dmvpn" (abbreviations work)',
  )
  .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'table']).default('json'))
  .action((file: string, options: { command?: string; format: 'json' | 'table' }) => {
    let input: string;
    try {
      input = readInput(file);
    } catch (error) {
      process.stderr.write(`dmvpn-watch parse: cannot read ${file}: ${(error as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    try {
      const { text, ok } = runParse(input, options);
      process.stdout.write(text + '\n');
      if (!ok) process.exitCode = 1;
    } catch (error) {
      if (!(error instanceof UnknownOutputError)) throw error;
      process.stderr.write(
        `dmvpn-watch parse: ${file === '-' ? 'standard input' : file}: ${error.message}\n`,
      );
      process.exitCode = 2;
    }
  });

program
  .command('start')
  .description('Run the main job: poll the inventory (or the simulated network) and watch it.')
  .option('-i, --inventory <file>', 'inventory YAML of the routers to watch')
  .action((options: { inventory?: string }) => {
    const target = options.inventory ? `the routers of ${options.inventory}` : 'a simulated DMVPN network';
    process.stdout.write(
      `dmvpn-watch will poll ${target} over SSH and SNMP, store the time series and diagnose faults.\n` +
        'Collection is not built yet: today this release parses router output (try `dmvpn-watch parse --help`).\n',
    );
  });

await program.parseAsync();
