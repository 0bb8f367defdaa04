// The plugin's entry point: Grafana loads module.js and reads its `plugin` export.

import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './ConfigEditor.js';
import { DmvpnDataSource } from './datasource.js';
import { QueryEditor } from './QueryEditor.js';
import type { DmvpnOptions, DmvpnQuery, DmvpnSecureOptions } from './query.js';

export const plugin = new DataSourcePlugin<DmvpnDataSource, DmvpnQuery, DmvpnOptions, DmvpnSecureOptions>(
  DmvpnDataSource,
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
