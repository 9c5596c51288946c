import type { CallTimers, TimerHandle } from '../../../application/ports/call-timers';
import type { SimulatedMediaStream } from './simulated-media-stream';
import type { SimulationCaptions } from './simulation-captions';
import { friendlyScript, utteranceMs, type SimulatedOutcome } from './simulation-profiles';

export interface SimulatedPatientOptions {
  /** Pause between the end of the agent's turn and the patient's reply. */
  readonly thinkMs: number;
  /** `hangs-up-after-greeting`: how long after the greeting the patient hangs up. */
  readonly hangUpAfterMs: number;
}

/**
 * The person on the simulated line (VOICE.md §5.2): reacts each time an agent turn has finished playing. `talks`
 * says the next line of the `friendly` script after a pause (its text goes on the caption channel at the moment
 * it starts); `hangs-up-after-greeting` hangs up after the first agent turn; `silent` never speaks. Deterministic:
 * the same script and timers give the same conversation.
 */
export class SimulatedPatient {
  private said = 0;
  private stopped = false;
  private readonly lines: readonly string[];
  private timer: TimerHandle | null = null;

  constructor(
    private readonly callId: string,
    private readonly behaviour: SimulatedOutcome,
    language: string,
    private readonly captions: SimulationCaptions,
    private readonly timers: CallTimers,
    private readonly options: SimulatedPatientOptions,
    private readonly hangUp: () => void,
  ) {
    this.lines = behaviour === 'talks' ? friendlyScript(language) : [];
  }

  listenTo(media: SimulatedMediaStream): void {
    media.onPlaybackFinished(() => this.agentFinishedSpeaking());
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private agentFinishedSpeaking(): void {
    if (this.stopped || this.timer !== null) return;
    if (this.behaviour === 'hangs-up-after-greeting') {
      this.timer = this.timers.after(this.options.hangUpAfterMs, () => {
        this.timer = null;
        if (!this.stopped) this.hangUp();
      });
      return;
    }
    const line = this.lines[this.said];
    if (line === undefined) return;
    this.said += 1;
    this.timer = this.timers.after(this.options.thinkMs, () => {
      this.timer = null;
      if (!this.stopped) this.captions.publish(this.callId, { text: line, durationMs: utteranceMs(line) });
    });
  }
}
