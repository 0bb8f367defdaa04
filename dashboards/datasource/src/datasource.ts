// The datasource Grafana instantiates: every API call goes through Grafana's data source proxy (the route of
// plugin.json adds the bearer token kept in secureJsonData), and the only module that touches @grafana/runtime.

import {
  createDataFrame,
  DataSourceApi,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv, type FetchError } from '@grafana/runtime';
import { DmvpnApi, type ApiRequest } from './api-client.js';
import { DEFAULT_QUERY, type DmvpnOptions, type DmvpnQuery } from './query.js';
import { runQuery } from './run-query.js';

/** The `path` of the proxy route in plugin.json. */
export const PROXY_ROUTE = 'dmvpn';

function apiError(error: FetchError<{ error?: string }>): Error {
  const reason = error.data?.error ?? error.statusText ?? 'no answer';
  return new Error(
    error.status ? `dmvpn-watch API ${error.status}: ${reason}` : `dmvpn-watch API: ${reason}`,
  );
}

function proxied(base: string, request: ApiRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    getBackendSrv()
      .fetch({
        url: `${base}${request.path}`,
        method: request.method,
        data: request.body,
        showErrorAlert: false,
      })
      .subscribe({
        next: (response) => resolve(response.data),
        error: (error: FetchError<{ error?: string }>) => reject(apiError(error)),
      });
  });
}

export class DmvpnDataSource extends DataSourceApi<DmvpnQuery, DmvpnOptions> {
  private readonly api: DmvpnApi;

  constructor(settings: DataSourceInstanceSettings<DmvpnOptions>) {
    super(settings);
    const base = `${settings.url ?? ''}/${PROXY_ROUTE}`;
    this.api = new DmvpnApi((request) => proxied(base, request));
    this.annotations = { getDefaultQuery: () => ({ kind: 'events' }) };
  }

  override getDefaultQuery(): Partial<DmvpnQuery> {
    return DEFAULT_QUERY;
  }

  private interpolate(query: DmvpnQuery, scopedVars: ScopedVars): DmvpnQuery {
    const templates = getTemplateSrv();
    return {
      ...query,
      device: query.device ? templates.replace(query.device, scopedVars) : undefined,
      devices: query.devices ? templates.replace(query.devices, scopedVars, 'csv') : undefined,
    };
  }

  async query(request: DataQueryRequest<DmvpnQuery>): Promise<DataQueryResponse> {
    const window = { from: request.range.from.valueOf(), to: request.range.to.valueOf() };
    const answers = await Promise.all(
      request.targets
        .filter((query) => !query.hide)
        .map((query) => runQuery(this.api, this.interpolate(query, request.scopedVars), window)),
    );
    return { data: answers.flat().map((frame) => createDataFrame(frame)) };
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    try {
      const devices = await this.api.devices();
      return {
        status: 'success',
        message: `dmvpn-watch answers: ${devices.length} devices in its inventory`,
      };
    } catch (error) {
      return { status: 'error', message: (error as Error).message };
    }
  }
}
