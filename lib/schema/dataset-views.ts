import { z } from 'zod';

/**
 * The exported dataset's views in other projects' formats (exporter/views/):
 * Mind2Web task records (views/mind2web/) and AgentLab SFT conversations
 * (views/agentlab/). Paths are relative to the dataset folder.
 */
export const mind2webCandidateSchema = z.object({
  tag: z.string(),
  /** JSON text of the element's attributes, with `backend_node_id` and `bounding_box_rect` ("x,y,w,h"), as Mind2Web stores them. */
  attributes: z.string(),
  /** The rrweb id (also the `bid` of the BrowserGym strings and `data-webtrace-id` in the DOM). */
  backend_node_id: z.string(),
  is_original_target: z.boolean(),
  is_top_level_target: z.boolean(),
});

export const mind2webActionSchema = z.object({
  action_uid: z.string(),
  operation: z.object({ op: z.enum(['CLICK', 'TYPE', 'SELECT']), original_op: z.string(), value: z.string() }),
  pos_candidates: z.array(mind2webCandidateSchema),
  neg_candidates: z.array(mind2webCandidateSchema),
  /** gzip HTML of the page just before the action (dom/), and its screenshot (screenshots/). */
  raw_html_path: z.string().nullable(),
  screenshot_path: z.string().nullable(),
});

export const mind2webTaskSchema = z.object({
  annotation_id: z.string(),
  website: z.string(),
  domain: z.string().nullable(),
  subdomain: z.string().nullable(),
  /** The task in words; null until episodes carry intents. */
  confirmed_task: z.string().nullable(),
  action_reprs: z.array(z.string()),
  actions: z.array(mind2webActionSchema),
});
export type Mind2WebTask = z.infer<typeof mind2webTaskSchema>;

const textPart = z.object({ type: z.literal('text'), text: z.string() });
const imagePart = z.object({ type: z.literal('image'), image: z.string() });

export const agentlabConversationSchema = z.object({
  id: z.string(),
  episode_id: z.string(),
  step_index: z.int().nonnegative(),
  messages: z.tuple([
    z.object({ role: z.literal('system'), content: z.string() }),
    z.object({ role: z.literal('user'), content: z.array(z.union([textPart, imagePart])) }),
    z.object({ role: z.literal('assistant'), content: z.string() }),
  ]),
});
export type AgentlabConversation = z.infer<typeof agentlabConversationSchema>;
