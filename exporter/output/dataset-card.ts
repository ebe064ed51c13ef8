import { SPLITS, type Split } from '../../lib/schema/dataset-primitives';
import { STEP_FLAGS, TABLE_SCHEMAS, TABLES, type TableName } from '../../lib/schema/dataset-row';
import type { Manifest } from '../../lib/schema/dataset-manifest';
import { PX_PER_WHEEL_CLICK } from '../derive/action-strings';
import { hfYamlFeatures } from '../write/table-schema';

/**
 * The dataset card (README.md): YAML with the Hub's `configs` (one per
 * table, a data_files glob per split), `dataset_info` (features from the row
 * schemas, screenshots as `dtype: image`; split sizes) and the text a
 * researcher needs: where the data comes from and under what consent, what
 * is masked, the coordinate conventions, the flags, and the use it is for.
 */
export function datasetCard(m: Manifest, files: readonly string[]): string {
  const parquet = m.formats.includes('parquet');
  const yaml: string[] = [
    '---',
    'pretty_name: webtrace web-agent traces',
    'license: other',
    'task_categories:',
    '- other',
    'tags:',
    '- web-agents',
    '- gui-grounding',
    '- browsergym',
    '- mind2web',
    'configs:',
  ];
  const present = (table: TableName, split: Split) =>
    files.some((f) => f.startsWith(parquet ? `${table}/${split}-` : `jsonl/${table}/${split}-`));
  for (const table of TABLES) {
    const splits = SPLITS.filter((s) => present(table, s));
    if (!splits.length) continue;
    yaml.push(`- config_name: ${table}`);
    if (table === 'steps') yaml.push('  default: true');
    yaml.push('  data_files:');
    for (const s of splits)
      yaml.push(`  - split: ${s}`, `    path: ${parquet ? `${table}/${s}-*.parquet` : `jsonl/${table}/${s}-*.jsonl`}`);
  }
  if (parquet) {
    yaml.push('dataset_info:');
    for (const table of TABLES) {
      const splits = SPLITS.filter((s) => present(table, s));
      if (!splits.length) continue;
      yaml.push(`- config_name: ${table}`, '  features:', ...hfYamlFeatures(TABLE_SCHEMAS[table], 2), '  splits:');
      for (const s of splits) yaml.push(`  - name: ${s}`, `    num_examples: ${m.counts[s][table === 'grounding' ? 'grounding' : table]}`);
    }
  }
  yaml.push('---');
  return `${yaml.join('\n')}\n\n${body(m)}`;
}

function body(m: Manifest): string {
  const counts = SPLITS.map(
    (s) => `| ${s} | ${m.counts[s].episodes} | ${m.counts[s].steps} | ${m.counts[s].grounding} | ${m.modalities[s].join(', ') || '-'} |`,
  ).join('\n');
  const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)} %`);
  return `# webtrace web-agent traces

Recordings of people doing their work in web applications, exported by webtrace
(schema ${m.schema_version}). Each **episode** is a run of one person's actions on one site (a
recorded session cut at idle gaps of more than ${Math.round(m.idle_gap_ms / 60000)} min and where the site changes); each
**step** is one semantic action (click, type, select, check, key, scroll, navigate, submit) with its
target element described semantically (role, accessible name, context ancestors, ranked selectors) and,
${m.rendered ? 'rendered from the recording just before the action, a screenshot, the DOM, an accessibility tree and the interactive candidates' : 'in this export, no rendered observation (exported with --no-render)'}.

| split | episodes | steps | grounding | modalities |
|---|---|---|---|---|
${counts}

Steps with a target: ${m.quality.steps_with_target}; located in the replayed page: ${pct(m.quality.located_share)};
with a selector verified to find exactly the target there: ${pct(m.quality.verified_share)}.

## Use: AI training only

This data is for training and evaluating AI agents that operate web applications. It must not be used
to evaluate, monitor, rank or make decisions about the people who were recorded.

## Consent and privacy

- Recorded only with the informed consent of each person, given in the webtrace extension before anything
  was captured, on sites their organisation allowed and they switched on; they could pause, withdraw and
  delete recordings before upload.
- **Typed values are never in the data.** Every field's value is masked in the page before it is stored: a
  \`type\` step carries only the length (its \`action.value\` is the mask, \`*\` per character, flag
  \`value_masked\`); a \`select\` step carries the option's visible label. Passwords, one-time codes and payment
  fields are never captured. Blocked regions are replayed as empty placeholders, masked regions with their
  text masked; screenshots are rendered from that masked recording, so they show the masks too.
- PII shown on pages (emails, phone numbers, card numbers, SSNs, IBANs, IP addresses, secrets) was replaced
  by tags such as \`[email:l]\` when recorded; URLs keep scheme, host and route, with query values and ids
  replaced (\`[withheld]\`, \`[id]\`). The export runs the same detectors over every string it writes and over
  the finished files again; a step with a hit is dropped (${m.dropped.privacy_steps} here).
- No install, session or person identifier is in the data: episode ids are pseudonyms of this export
  (seed \`${m.split_seed}\`), and no absolute times are written (\`t_ms\` counts from the episode's first step).
- Lineage: \`manifest.json\` lists the pseudonyms of the ${m.installs.length} contributing installs (\`installs\`, export
  \`${m.export_id}\`${m.rebuild_of ? `, a rebuild of \`${m.rebuild_of}\`` : ''}). Only the organisation's server knows which person
  each stands for. When a person has their data erased, the server marks the exports that held it, and the dataset is rebuilt
  without them (same seed: every other row stays the same). Replace your copy of this dataset with the rebuild when one is
  published.
- Pages are rebuilt offline: images and fonts the recorded pages loaded from elsewhere were not fetched.

## Coordinates

- Boxes are \`{x, y, width, height}\`. \`*_css\` boxes and points are CSS pixels from the top-left corner of
  the viewport; \`bbox_page\` from the top-left of the document (\`bbox_css\` plus \`observation.scroll_xy\`).
- Screenshots are the viewport at the recorded viewport size, rendered at the recorded devicePixelRatio: in
  **device pixels**. \`screenshot_size\` is \`observation.viewport\` times \`screenshot_scale\` (screenshot pixels per
  CSS pixel, equal to \`observation.dpr\`); multiply a \`*_css\` value by it for screenshot pixels. Where no
  devicePixelRatio was recorded it is 1 and \`dpr_assumed\` is true. (\`manifest.json\` states the same in \`coordinates\`.)
- A step whose \`observation.screenshot_source\` is \`capture\` carries instead a screenshot the extension took in the
  person's browser (redacted there: every field, masked and blocked region and flagged text blacked out) at most
  ${m.capture_max_gap_ms} ms before the action (\`screenshot_gap_ms\`) and not before the previous one. Its pixels are not device
  pixels: \`screenshot_size\` is the stored image and \`screenshot_scale\` its own image pixels per CSS pixel (after
  its downscale). \`*_norm\` values are fractions of that image, placed where the target was when it was taken.
- \`derived.bbox_norm\` and \`derived.point_norm\` are fractions (0-1) of the screenshot; \`bbox_norm\` is the
  visible part of the target (null when it is out of view). \`target.point_css\` is the recorded pointer
  position, or the centre of the visible box (flag \`point_assumed\`).
- \`target.node_id\` is the rrweb id of the element: the \`bid\` of the BrowserGym strings, \`data-webtrace-id\` in
  the DOM files (which also carry \`data-webtrace-rect="x,y,w,h"\` in viewport CSS px), the \`[bid]\` in the
  accessibility tree, and \`backend_node_id\` in the Mind2Web view.

## Derived action strings

BrowserGym/AgentLab (\`click('87')\`, \`fill('87', '****')\`, \`select_option('87', 'Research')\`), WebArena
(\`click [87]\`), pyautogui with 0-1 coordinates as OpenCUA writes them (one wheel click =
${PX_PER_WHEEL_CLICK} CSS px), and Mind2Web's \`action_repr\` (\`[button] Save -> CLICK\`). A string is null where
that language has no such action (a form's submit event follows the click or key that caused it).

## Fields

${fieldList(m)}

## Flags

\`flags\` on each step: ${STEP_FLAGS.map((f) => `\`${f}\``).join(', ')}. \`likely_effect\` marks a navigation or
submit right after a click or key (its cause); \`not_located\` a target the replay could not find;
\`selector_unverified\` a step none of whose selectors finds exactly the target in the replayed DOM.

## Files

- \`steps/\`, \`episodes/\`, \`grounding/\`: Parquet, \`{split}-0000k-of-0000n.parquet\`, at most 100 rows per row
  group, screenshots as the \`Image\` feature (\`{bytes, path}\`), features in the \`huggingface\` footer key.
- \`jsonl/\`: the same rows as JSON Lines, screenshots and DOM as paths into \`screenshots/\` and \`dom/\`.
- \`views/mind2web/\`: Mind2Web task records; \`views/agentlab/\`: AgentLab SFT conversations.
- \`manifest.json\`: settings, counts, quality, and the sha256 of every file.

## Load

\`\`\`python
from datasets import load_dataset
steps = load_dataset("parquet", data_files={"train": "steps/train-*.parquet"}, split="train")
\`\`\`

\`\`\`sql
SELECT action.type, target.role, target.name, derived.browsergym FROM read_parquet('steps/*.parquet');
\`\`\`
`;
}

/** The documented columns of each table, from the manifest's `fields`. */
function fieldList(m: Manifest): string {
  return TABLES.map((t) => [`\`${t}\`:`, ...Object.entries(m.fields[t]).map(([path, doc]) => `- \`${path}\`: ${doc}`)].join('\n')).join(
    '\n\n',
  );
}
