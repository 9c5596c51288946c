/**
 * What an inline image field of an update body asks for (API-CONTRACT.md §1.3), already classified by the
 * adapter: store an http(s) URL, clear the image, keep the current value (device-local URIs such as `file:` or
 * `blob:`), or store the decoded bytes of a `data:` image as an upload (see inline-images.ts) and link that.
 */
export type ImageChange =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'clear' }
  | { readonly kind: 'keep' }
  | { readonly kind: 'inline'; readonly bytes: Uint8Array };

/** A change whose inline image, if any, has been stored and replaced by its link. */
export type ResolvedImageChange = Exclude<ImageChange, { readonly kind: 'inline' }>;

export const applyImageChange = (current: string | null, change: ResolvedImageChange | undefined): string | null => {
  if (change === undefined || change.kind === 'keep') return current;
  return change.kind === 'clear' ? null : change.url;
};
