// A client added to the framework in one file, through the public API alone: a
// webhook that posts `{"webhookId", "event", "data"}` and reads `{"ok", ...}` back.
import { defineSourceAdapter, isRecord } from '../../src/index.js';

export interface WebhookDelivery {
  webhookId: string;
  event: string;
  data: unknown;
}

export type WebhookReply =
  | { ok: true; result: unknown }
  | { ok: false; error: { type: string; detail: string } };

export const webhook = defineSourceAdapter({
  name: 'webhook',
  claims: (event: unknown): event is WebhookDelivery =>
    isRecord(event) &&
    typeof event.webhookId === 'string' &&
    typeof event.event === 'string' &&
    'data' in event,
  extractPayload: (event: WebhookDelivery) => event.data,
  shapeResult: (result: unknown): WebhookReply => ({ ok: true, result }),
  shapeError: (error): WebhookReply => ({
    ok: false,
    error: { type: error.problemType, detail: error.message },
  }),
});
