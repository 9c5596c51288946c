/**
 * What a patient turn looks like before matching (DOMAIN.md §7.3.1): Unicode NFC, locale-independent lower case,
 * typographic apostrophes made plain, zero-width characters removed, whitespace runs collapsed; only the first
 * 2,000 characters, matched in chunks of at most 500 cut at clause boundaries.
 */
export const DETECTION_LIMITS = { maxCharacters: 2000, chunkCharacters: 500 } as const;

const APOSTROPHES = /[\u2019\u2018\u02bc]/g;
const ZERO_WIDTH = /[\u200b-\u200d\ufeff]/g;
const WHITESPACE = /\s+/gu;
/** Where a clause ends: the punctuation of §7.3.5. */
export const CLAUSE_PUNCTUATION = /[.,;:!?¿¡。，；！？…]/u;

export const normaliseUtterance = (text: string): string =>
  text
    .normalize('NFC')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(ZERO_WIDTH, '')
    .replace(WHITESPACE, ' ')
    .trim()
    .slice(0, DETECTION_LIMITS.maxCharacters);

export interface Chunk {
  readonly text: string;
  /** Where the chunk starts in the normalised utterance. */
  readonly offset: number;
}

/** Where to cut a window: after its last clause punctuation, else after its last space, else at its end. */
const cutPoint = (window: string): number => {
  for (let i = window.length - 1; i > 0; i -= 1) if (CLAUSE_PUNCTUATION.test(window[i] ?? '')) return i + 1;
  const space = window.lastIndexOf(' ');
  return space > 0 ? space + 1 : window.length;
};

/** Splits a normalised utterance into chunks of at most 500 characters, cut at clause boundaries when possible. */
export const chunksOf = (text: string, size: number = DETECTION_LIMITS.chunkCharacters): Chunk[] => {
  const chunks: Chunk[] = [];
  let offset = 0;
  while (offset < text.length) {
    if (text.length - offset <= size) {
      chunks.push({ text: text.slice(offset), offset });
      break;
    }
    const cut = cutPoint(text.slice(offset, offset + size));
    chunks.push({ text: text.slice(offset, offset + cut), offset });
    offset += cut;
  }
  return chunks;
};
