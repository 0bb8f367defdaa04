// A time-series point, shaped like InfluxDB line protocol.

export type FieldValue = number | string | boolean;

export interface Sample {
  measurement: string;
  tags: Record<string, string>;
  fields: Record<string, FieldValue>;
  /** Milliseconds since the epoch. */
  time: number;
}

export type DeviceRole = 'hub' | 'spoke';
