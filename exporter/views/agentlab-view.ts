import type { EpisodeRow, StepRow } from '../../lib/schema/dataset-row';
import type { AgentlabConversation } from '../../lib/schema/dataset-views';

const SYSTEM = [
  'You are an agent trying to solve a web task based on the content of the page and the user instructions.',
  'You interact with the page through BrowserGym actions: click(bid), dblclick(bid), fill(bid, value), select_option(bid, options),',
  'press(bid, key_comb), keyboard_press(key), scroll(delta_x, delta_y), goto(url). Answer with exactly one action.',
].join(' ');

/**
 * Each step with a BrowserGym action as one AgentLab-style SFT conversation:
 * system prompt, the observation (goal, URL, accessibility tree with bids,
 * past actions, screenshot) and the assistant's answer: the step in words
 * as its `<think>` (which element, in which control and row) and the action.
 * Typed values appear as their mask or length; the goal is empty until
 * episodes carry intents.
 */
export function agentlabConversations(episode: EpisodeRow, steps: readonly StepRow[]): AgentlabConversation[] {
  const out: AgentlabConversation[] = [];
  const history: string[] = [];
  for (const step of steps) {
    const action = step.derived.browsergym;
    if (action === null) continue;
    const text = [
      '# Goal',
      episode.intent ?? '(no goal recorded)',
      '',
      '# Current page',
      `URL: ${step.url}`,
      ...(step.page_title ? [`Title: ${step.page_title}`] : []),
      '',
      '# Accessibility tree',
      step.axtree ?? '(not rendered)',
      '',
      '# History of past actions',
      history.length ? history.join('\n') : '(none)',
    ].join('\n');
    const content: AgentlabConversation['messages'][1]['content'] = [{ type: 'text', text }];
    if (step.screenshot?.path) content.push({ type: 'image', image: step.screenshot.path });
    out.push({
      id: step.action_uid,
      episode_id: step.episode_id,
      step_index: step.step_index,
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content },
        { role: 'assistant', content: `<think>\n${step.derived.instruction}\n</think>\n<action>\n${action}\n</action>` },
      ],
    });
    history.push(action);
  }
  return out;
}
