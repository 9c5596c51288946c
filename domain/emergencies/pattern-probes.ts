/**
 * Adversarial probe texts for the runtime pattern check (DOMAIN.md §7.3.2: 10,000 characters). Backtracking
 * blows up on long runs of the characters a pattern can consume followed by something that makes the match
 * fail, so the probes repeat the pattern's own characters (and common word and space characters) and end with a
 * character no phrase expects.
 */
export const PROBE_LENGTH = 10_000;
const MAX_SINGLE_CHARACTER_PROBES = 12;
const TERMINATOR = '\u0000';

const fill = (unit: string): string => unit.repeat(Math.ceil(PROBE_LENGTH / unit.length)).slice(0, PROBE_LENGTH - 1);

/** The probe texts for `pattern`, each exactly 10,000 characters long. */
export const adversarialInputs = (pattern: string): string[] => {
  const letters = [...new Set(Array.from(pattern.toLowerCase()).filter((c) => /[\p{L}\p{N} ']/u.test(c)))];
  const units = new Set<string>([
    ...letters.slice(0, MAX_SINGLE_CHARACTER_PROBES),
    'a',
    ' ',
    'a ',
    letters.join('') || 'ab',
  ]);
  return [...units].map((unit) => fill(unit) + TERMINATOR);
};
