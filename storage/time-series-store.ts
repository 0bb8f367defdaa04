// Where samples go, and how the API and the dashboards read them back.

import type { Sample } from '../model/sample.js';

export interface TimeSeriesStore {
  /**
   * Takes samples for storage. It resolves once the samples are in the store or in its keeping (a batch buffer,
   * the disk spool); `flush()` pushes everything buffered through.
   */
  write(samples: readonly Sample[]): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface SeriesFilter {
  measurement: string;
  /** Every tag given must match exactly; tags not given match anything. */
  tags?: Record<string, string>;
  /** Only these fields; all fields when absent. */
  fields?: readonly string[];
}

export interface RangeQuery extends SeriesFilter {
  /** Milliseconds since the epoch, inclusive. */
  from: number;
  /** Milliseconds since the epoch, inclusive. */
  to: number;
}

export interface TimeSeriesReader {
  /** The points of every matching series in the window, one Sample per series and time, oldest first. */
  range(query: RangeQuery): Promise<Sample[]>;
  /** The most recent point of every matching series (the fields written at its latest time). */
  latest(filter: SeriesFilter): Promise<Sample[]>;
}
