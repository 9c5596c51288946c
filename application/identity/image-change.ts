/**
 * What an inline image field of an update body asks for (API-CONTRACT.md §1.3), already classified by the
 * adapter: store an http(s) URL, clear the image, or keep the current value (device-local URIs such as
 * `file:` or `blob:`). Inline `data:` images need the MediaStore and are refused until it exists.
 */
export type ImageChange =
  { readonly kind: 'url'; readonly url: string } | { readonly kind: 'clear' } | { readonly kind: 'keep' };

export const applyImageChange = (current: string | null, change: ImageChange | undefined): string | null => {
  if (change === undefined || change.kind === 'keep') return current;
  return change.kind === 'clear' ? null : change.url;
};
