import type { Metric, Row } from '../result';
import { spread } from './stats';

/** How a row presents one measured quantity. */
export interface MetricSpec {
  key: string;
  name: string;
  unit: string;
  /** Compute the row's ratios for this metric (only where the denominator is never zero by nature). */
  ratio?: boolean;
}

/** One measurement: a variant's figures from one repetition. Absent keys do not apply to that variant. */
export interface Sample {
  variant: string;
  values: Record<string, number | undefined>;
}

/**
 * Folds repeated samples into a table row: per metric and variant the median
 * with its range; ratios "a/b" of medians for the pairs the row names.
 */
export function buildRow(opts: {
  id: string;
  title: string;
  columns: Row['columns'];
  metrics: readonly MetricSpec[];
  samples: readonly Sample[];
  ratios?: ReadonlyArray<readonly [string, string]>;
  notes?: string[];
}): Row {
  const metrics: Metric[] = opts.metrics.map((spec) => {
    const cells: Metric['cells'] = {};
    for (const { id } of opts.columns) {
      const values = opts.samples
        .filter((s) => s.variant === id)
        .map((s) => s.values[spec.key])
        .filter((v): v is number => v !== undefined);
      if (values.length) cells[id] = spread(values);
    }
    const ratios: Record<string, number> = {};
    if (spec.ratio) {
      for (const [a, b] of opts.ratios ?? []) {
        if (cells[a] && cells[b]) ratios[`${a}/${b}`] = cells[a].median / cells[b].median;
      }
    }
    return { name: spec.name, unit: spec.unit, cells, ratios };
  });
  return { id: opts.id, title: opts.title, columns: [...opts.columns], metrics, notes: opts.notes ?? [] };
}
