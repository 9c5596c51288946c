/**
 * Where the scripted agent learns what the patient said (VOICE.md §5.3): the simulated line's caption channel,
 * passed in by bootstrap. Declared here by shape, so this family never imports the telephony family. Without a
 * feed (real telephony) the scripted agent hears nothing and only speaks when asked.
 */
export interface PatientCaption {
  readonly text: string;
  readonly durationMs: number;
}

export interface CaptionFeed {
  subscribe(callId: string, handler: (caption: PatientCaption) => void): () => void;
}
