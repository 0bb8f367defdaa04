#!/usr/bin/env node
// The `dmvpn-watch` command.

import { Command, Option } from 'commander';
import { UnknownOutputError } from '../parsers/parse-text.js';
import { InventoryError } from '../collectors/inventory/load.js';
import {
  DiagnoseUsageError,
  runDiagnose,
  runLiveDiagnose,
  type DiagnoseCommandOptions,
} from './diagnose-command.js';
import { LabUsageError, labFaults, labShow, type LabShowOptions } from './lab-command.js';
import { addHostKeyCommands } from './hostkey-command.js';
import { addLabControl } from './lab-control.js';
import { LAB_OPTION_DEFAULTS, LabOptionError } from './lab-options.js';
import { addLabRun } from './lab-run.js';
import { ServeConfigError } from './serve/config.js';
import { addServeCommands } from './serve-command.js';
import { addWorkerCommands } from './worker-command.js';
import { readInput, runParse } from './parse-command.js';

const program = new Command()
  .name('dmvpn-watch')
  .description('Watches and diagnoses Cisco DMVPN networks (mGRE + NHRP + IPsec).')
  .showHelpAfterError()
  // `lab` has options of its own (it runs the network) and subcommands with options of the same names.
  .enablePositionalOptions();

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
  .command('diagnose')
  .description(
    'Diagnose DMVPN faults, from the routers of an inventory polled now (with the hubs of the spokes named) or ' +
      'from captured outputs (--from), and print the findings, evidence and fixes.',
  )
  .argument('[devices...]', 'devices of the inventory to poll and diagnose')
  .option('-i, --inventory <file>', 'inventory YAML of the routers to poll')
  .option('--all', 'every device of the inventory')
  .option('-c, --config <file>', 'configuration YAML (where the known host keys are kept, SSH concurrency)')
  .option(
    '--from <path>',
    'a folder of captures (per device and command, or per device with prompts) or one session log',
  )
  .addOption(
    new Option('-f, --format <format>', 'output format')
      .choices(['text', 'markdown', 'json'])
      .default('text'),
  )
  .action(async (devices: string[], options: Omit<DiagnoseCommandOptions, 'colour'>) => {
    try {
      const settings = { ...options, colour: process.stdout.isTTY === true };
      const { text, faults } =
        settings.from || !settings.inventory
          ? runDiagnose(devices, settings)
          : await runLiveDiagnose(devices, { ...settings, inventory: settings.inventory });
      process.stdout.write(text + '\n');
      if (faults) process.exitCode = 1;
    } catch (error) {
      const usage =
        error instanceof DiagnoseUsageError ||
        error instanceof InventoryError ||
        error instanceof ServeConfigError ||
        (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!usage) throw error;
      process.stderr.write(`dmvpn-watch diagnose: ${(error as Error).message}\n`);
      process.exitCode = 2;
    }
  });

addServeCommands(program);
addHostKeyCommands(program);
addWorkerCommands(program);

const lab = program
  .command('lab')
  .description(
    'Run the simulated DMVPN network on SSH, SNMP, syslog and traps (until Ctrl-C); or print what its routers print, ' +
      'list its faults, and steer a running one.',
  );
addLabRun(lab);

lab
  .command('show')
  .description('Print what a simulated router prints for a show command (IOS abbreviations accepted).')
  .argument('<device>', 'hub1, hub2, spoke1 ... spokeN')
  .argument('<command>', 'the command, e.g. "sh dmvpn"')
  .option('--spokes <n>', 'spokes, 1 to 5000', LAB_OPTION_DEFAULTS.spokes)
  .option('--hubs <n>', 'hubs, 1 or 2', LAB_OPTION_DEFAULTS.hubs)
  .option('--phase <n>', 'DMVPN phase, 1 to 3', LAB_OPTION_DEFAULTS.phase)
  .option('--ike <version>', 'v1 or v2', LAB_OPTION_DEFAULTS.ike)
  .option('--routing <protocol>', 'eigrp, ospf or bgp', LAB_OPTION_DEFAULTS.routing)
  .option('--nat-spokes <n>', 'how many spokes (the last ones) sit behind NAT', LAB_OPTION_DEFAULTS.natSpokes)
  .option('--seed <n>', 'seed of the per-router variation', LAB_OPTION_DEFAULTS.seed)
  .option('--fault <name[@device]>', 'inject a fault (repeatable; see `lab faults`)', collect, [])
  .option('--at <seconds>', 'the lab clock: seconds since the network started', '300')
  .action((device: string, command: string, options: LabShowOptions) => {
    try {
      process.stdout.write(labShow(device, command, options));
    } catch (error) {
      if (!(error instanceof LabUsageError || error instanceof LabOptionError)) throw error;
      process.stderr.write(`dmvpn-watch lab show: ${error.message}\n`);
      process.exitCode = 2;
    }
  });

lab
  .command('faults')
  .description('List the faults the lab can inject: id, layer, default target, what it breaks.')
  .action(() => {
    process.stdout.write(labFaults() + '\n');
  });

addLabControl(lab);

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

await program.parseAsync();
