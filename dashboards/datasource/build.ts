// `npm run build:datasource`: the Grafana plugin into dashboards/datasource/dist, run from the package folder.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleDatasource } from './bundle.js';

const sourceDir = resolve('dashboards', 'datasource');
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
await bundleDatasource({ sourceDir, outDir: resolve(sourceDir, 'dist'), version });
console.log(`Grafana datasource plugin ${version} built in ${resolve(sourceDir, 'dist')}`);
