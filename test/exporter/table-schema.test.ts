import { describe, expect, it } from 'vitest';
import { episodeRowSchema, stepRowSchema } from '../../lib/schema/dataset-row';
import { DATASET_FORMAT, DATASET_SCHEMA_VERSION, type Manifest } from '../../lib/schema/dataset-manifest';
import { datasetCard } from '../../exporter/output/dataset-card';
import { hfFeatures, hfYamlFeatures, parquetSchema } from '../../exporter/write/table-schema';
import { fieldDocs } from '../../exporter/output/field-docs';

describe('table schema from the row schemas', () => {
  it('gives Parquet 3-level lists, optional structs and the image struct', () => {
    const schema = parquetSchema(episodeRowSchema);
    expect(schema[0]).toEqual({ name: 'root', num_children: Object.keys(episodeRowSchema.shape).length });
    const i = schema.findIndex((e) => e.name === 'url_templates');
    expect(schema.slice(i, i + 3)).toEqual([
      { name: 'url_templates', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    ]);
    const steps = parquetSchema(stepRowSchema);
    expect(steps.find((e) => e.name === 'screenshot')).toEqual({ name: 'screenshot', repetition_type: 'OPTIONAL', num_children: 2 });
    expect(steps.find((e) => e.name === 'dom_html_gz')).toEqual({ name: 'dom_html_gz', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' });
  });

  it('gives datasets features and the card YAML in the Hub notation', () => {
    const f = hfFeatures(stepRowSchema);
    expect(f.screenshot).toEqual({ _type: 'Image' });
    expect(f.step_index).toEqual({ dtype: 'int32', _type: 'Value' });
    // The captured-screenshot fields (issue 15) follow from the schema into the footer and the card.
    expect((f.observation as Record<string, unknown>).screenshot_source).toEqual({ dtype: 'string', _type: 'Value' });
    expect((f.observation as Record<string, unknown>).screenshot_gap_ms).toEqual({ dtype: 'int32', _type: 'Value' });
    expect((f.action as Record<string, unknown>).modifiers).toEqual([{ dtype: 'string', _type: 'Value' }]);
    const yaml = hfYamlFeatures(stepRowSchema, 0).join('\n');
    expect(yaml).toContain('- name: screenshot\n  dtype: image');
    expect(yaml).toMatch(/- name: screenshot_source\n {4}dtype: string\n {2}- name: screenshot_gap_ms\n {4}dtype: int32/);
    expect(yaml).toContain('- name: flags\n  list: string');
    expect(yaml).toMatch(/- name: selectors\n {4}list:\n {4}- name: kind\n {6}dtype: string/);
  });

  it('writes a card whose configs name only the splits that have files, with the required statements', () => {
    const m = {
      format: DATASET_FORMAT,
      schema_version: DATASET_SCHEMA_VERSION,
      export_id: 'exp_0123456789abcdef01234567',
      rebuild_of: null,
      merged_from: [],
      installs: [{ pseudonym: 'in_0123456789abcdef', episodes: 3, steps: 12 }],
      formats: ['parquet'],
      rendered: true,
      capture_max_gap_ms: 2000,
      idle_gap_ms: 300000,
      split_seed: 's',
      counts: {
        train: { episodes: 2, steps: 9, grounding: 7 },
        test_task: { episodes: 0, steps: 0, grounding: 0 },
        test_site: { episodes: 1, steps: 3, grounding: 2 },
      },
      modalities: { train: ['screenshot'], test_task: [], test_site: ['screenshot'] },
      quality: { steps_with_target: 10, located: 10, verified: 10, located_share: 1, verified_share: 1 },
      dropped: { privacy_steps: 0 },
      fields: fieldDocs(),
    } as unknown as Manifest;
    const card = datasetCard(m, [
      'steps/train-00000-of-00001.parquet',
      'steps/test_site-00000-of-00001.parquet',
      'episodes/train-00000-of-00001.parquet',
    ]);
    expect(card).toMatch(
      /^---\n[\s\S]*\nconfigs:\n- config_name: steps\n  default: true\n  data_files:\n  - split: train\n    path: steps\/train-\*\.parquet\n  - split: test_site\n/,
    );
    expect(card).not.toContain('path: steps/test_task');
    expect(card).not.toContain('config_name: grounding');
    expect(card).toContain('    num_examples: 9');
    // The documented columns, from the row schemas' descriptions, new action fields among them.
    expect(card).toContain('- `target.control`: select: the control the choice was made in');
    expect(card).toMatch(/- `action\.value_date`: .*ISO 8601/);
    expect(card).toContain('- `target.frame_path`:');
    expect(card).toContain('- `derived.instruction`:');
    for (const needed of ['consent', 'masked', 'Coordinates', 'AI training only', 'must not be used', 'dtype: image'])
      expect(card).toContain(needed);
  });
});

describe('field docs', () => {
  it('lists the described columns of every table by dotted path, list items as []', () => {
    const docs = fieldDocs();
    expect(Object.keys(docs)).toEqual(['steps', 'episodes', 'grounding']);
    expect(docs.steps['target.control']).toMatch(/combobox/);
    expect(docs.steps['observation.screenshot_scale']).toMatch(/devicePixelRatio/);
    expect(docs.steps['action.via']).toMatch(/keyboard/);
  });
});
