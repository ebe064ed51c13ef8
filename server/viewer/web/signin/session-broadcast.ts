import { z } from 'zod';

const messageSchema = z.enum(['signed-in', 'signed-out']);
export type SessionNews = z.infer<typeof messageSchema>;

/**
 * Tells the viewer's other tabs of this browser that the shared session began
 * or ended, so a sign-out asks for the token everywhere at once rather than at
 * each tab's next request. Carries no token, only the news.
 */
export function sessionBroadcast(onNews: (news: SessionNews) => void): { tell(news: SessionNews): void } {
  if (typeof BroadcastChannel === 'undefined') return { tell: () => {} };
  const channel = new BroadcastChannel('webtrace-viewer-session');
  channel.onmessage = (event: MessageEvent) => {
    const news = messageSchema.safeParse(event.data);
    if (news.success) onNews(news.data);
  };
  return { tell: (news) => channel.postMessage(news) };
}
