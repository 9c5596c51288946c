/**
 * Every Asterisk object of a call has an id we choose, derived from our call id (VOICE.md §2.4), so events are
 * routed by a map lookup and nothing ever parses a channel name.
 */
export const ID_PREFIX = 'bianca-';

export interface CallObjectIds {
  readonly pstn: string;
  readonly media: string;
  readonly bridge: string;
  readonly apology: string;
}

export const objectIdsFor = (callId: string): CallObjectIds => ({
  pstn: `${ID_PREFIX}${callId}-pstn`,
  media: `${ID_PREFIX}${callId}-media`,
  bridge: `${ID_PREFIX}${callId}-br`,
  apology: `${ID_PREFIX}${callId}-asset-1`,
});

export const allObjectIds = (ids: CallObjectIds): readonly string[] => [ids.pstn, ids.media, ids.bridge, ids.apology];

/** Call ids become part of Asterisk ids and URL paths: letters, digits, `_` and `-` only. */
export const isUsableCallId = (callId: string): boolean => /^[A-Za-z0-9_-]{1,64}$/.test(callId);

export const carriesOurPrefix = (id: string): boolean => id.startsWith(ID_PREFIX);

/** The dial string for `e164` from a template such as `PJSIP/{e164}@carrier`. */
export const dialString = (template: string, e164: string): string => template.split('{e164}').join(e164);

export const isE164 = (value: string): boolean => /^\+[1-9]\d{6,14}$/.test(value);
