import { z } from 'zod';

/**
 * The server events the adapter consumes (VOICE.md §4.3), validated with our own schemas: unknown fields are
 * tolerated (stripped), unknown event types are ignored (`null`), a malformed known event is reported as such.
 */
const id = z.string().min(1);
const metadata = z.record(z.string(), z.string()).nullish();

const contentPart = z.object({
  type: z.string().optional(),
  transcript: z.string().nullish(),
  text: z.string().nullish(),
});

const item = z.object({
  id: id.optional(),
  type: z.string(),
  role: z.string().optional(),
  name: z.string().optional(),
  arguments: z.string().optional(),
  content: z.array(contentPart).optional(),
});

const schemas = {
  'session.created': z.object({
    // The SDK types `session` as the request shape; the GA server also sends the id and the cap.
    session: z.object({ type: z.string().optional(), id: z.string().optional(), expires_at: z.number().optional() }),
  }),
  'session.updated': z.object({}),
  'input_audio_buffer.speech_started': z.object({ item_id: id, audio_start_ms: z.number() }),
  'input_audio_buffer.speech_stopped': z.object({ item_id: id, audio_end_ms: z.number() }),
  'input_audio_buffer.committed': z.object({ item_id: id, previous_item_id: z.string().nullish() }),
  'conversation.item.added': z.object({ item, previous_item_id: z.string().nullish() }),
  'conversation.item.done': z.object({ item, previous_item_id: z.string().nullish() }),
  'conversation.item.input_audio_transcription.completed': z.object({ item_id: id, transcript: z.string() }),
  'conversation.item.input_audio_transcription.failed': z.object({ item_id: id }),
  'conversation.item.truncated': z.object({ item_id: id, audio_end_ms: z.number() }),
  'response.created': z.object({ response: z.object({ id: z.string().optional(), metadata }) }),
  'response.output_item.added': z.object({ response_id: z.string(), item }),
  'response.output_item.done': z.object({ response_id: z.string(), item }),
  'response.output_audio.delta': z.object({ item_id: id, response_id: z.string(), delta: z.string() }),
  'response.output_audio.done': z.object({ item_id: id }),
  'response.output_audio_transcript.delta': z.object({ item_id: id, delta: z.string() }),
  'response.output_audio_transcript.done': z.object({ item_id: id, transcript: z.string() }),
  'response.function_call_arguments.done': z.object({ item_id: id, name: z.string(), arguments: z.string() }),
  'response.done': z.object({
    response: z.object({
      id: z.string().optional(),
      status: z.string().optional(),
      metadata,
      output: z.array(item).optional(),
    }),
  }),
  error: z.object({
    error: z.object({
      type: z.string(),
      code: z.string().nullish(),
      message: z.string(),
      param: z.string().nullish(),
      event_id: z.string().nullish(),
    }),
  }),
} as const;

type Schemas = typeof schemas;
export type ServerEventType = keyof Schemas;
export type ServerEventOf<T extends ServerEventType> = z.infer<Schemas[T]> & { readonly type: T };
export type ServerEvent = { [T in ServerEventType]: ServerEventOf<T> }[ServerEventType];
export type RealtimeItem = z.infer<typeof item>;

export type Decoded =
  | { readonly kind: 'event'; readonly event: ServerEvent }
  | { readonly kind: 'ignored'; readonly type: string }
  | { readonly kind: 'malformed'; readonly type: string | null };

const isKnown = (type: string): type is ServerEventType => Object.hasOwn(schemas, type);

export const decodeServerEvent = (text: string): Decoded => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'malformed', type: null };
  }
  if (typeof raw !== 'object' || raw === null) return { kind: 'malformed', type: null };
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string') return { kind: 'malformed', type: null };
  if (!isKnown(type)) return { kind: 'ignored', type };
  const parsed = schemas[type].safeParse(raw);
  if (!parsed.success) return { kind: 'malformed', type };
  return { kind: 'event', event: { ...parsed.data, type } as ServerEvent };
};

/** The transcript of an assistant message item, when a `response.done` or `conversation.item.done` carries it. */
export const transcriptOf = (value: RealtimeItem): string | null => {
  for (const part of value.content ?? []) {
    const text = part.transcript ?? part.text;
    if (typeof text === 'string' && text !== '') return text;
  }
  return null;
};

/** The message items of a response's output: the first one's id, and each one's transcript when present. */
export const messagesOf = (
  output: readonly RealtimeItem[],
): { firstMessage: string | null; transcripts: Map<string, string> } => {
  const transcripts = new Map<string, string>();
  let firstMessage: string | null = null;
  for (const item of output) {
    if (item.type !== 'message' || item.id === undefined) continue;
    firstMessage ??= item.id;
    const text = transcriptOf(item);
    if (text !== null) transcripts.set(item.id, text);
  }
  return { firstMessage, transcripts };
};

/** The `reason` argument of an `end_call`; a missing or unreadable one counts as an ordinary goodbye. */
export const endCallReason = (args: string): string => {
  try {
    const parsed = JSON.parse(args) as { reason?: unknown };
    return typeof parsed.reason === 'string' && parsed.reason !== '' ? parsed.reason : 'goodbye';
  } catch {
    return 'goodbye';
  }
};
