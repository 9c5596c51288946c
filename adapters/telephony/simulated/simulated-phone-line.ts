import type { CallTimers, TimerHandle } from '../../../application/ports/call-timers';
import type { Clock } from '../../../application/ports/clock';
import type {
  LiveLeg,
  PlaceCallRequest,
  PlaceCallResult,
  TelephonyEvent,
  TelephonyPort,
} from '../../../application/ports/telephony';
import { SimulatedMediaStream } from './simulated-media-stream';
import { SimulatedPatient } from './simulated-patient';
import type { SimulationCaptions } from './simulation-captions';
import { outcomeForNumber, type SimulatedOutcome } from './simulation-profiles';

export interface SimulatedLineOptions {
  /** Dialling -> ringing (VOICE.md §5.2: 300 ms). */
  readonly ringingAfterMs: number;
  /** Dialling -> answered (`ringMs`, default 2 s). */
  readonly answerAfterMs: number;
  /** Answered -> media ready. */
  readonly mediaSetupMs: number;
  /** The patient's pause before replying. */
  readonly thinkMs: number;
  /** `hangs-up-after-greeting`: delay after the greeting. */
  readonly hangUpAfterMs: number;
  /** What happens on this call; default: the last-digits rule of `outcomeForNumber`. */
  readonly outcomeFor?: (request: PlaceCallRequest) => SimulatedOutcome;
}

export const DEFAULT_SIMULATED_LINE: SimulatedLineOptions = {
  ringingAfterMs: 300,
  answerAfterMs: 2_000,
  mediaSetupMs: 100,
  thinkMs: 800,
  hangUpAfterMs: 500,
};

interface Leg {
  answered: boolean;
  readonly timers: TimerHandle[];
  media: SimulatedMediaStream | null;
  patient: SimulatedPatient | null;
}

/**
 * The embedded default's phone network (VOICE.md §5.2), with no sockets: a placed call rings after a moment, then
 * plays the outcome of its profile (busy, no answer, voicemail, dial failure, or an answer with a simulated
 * patient on a simulated media stream). Everything runs on the timers port, so tests run it on virtual time.
 * `hangup` from our side is silent (the application already knows); a hang-up by the patient emits `hungUp`.
 */
export class SimulatedPhoneLine implements TelephonyPort {
  private readonly handlers: Array<(event: TelephonyEvent) => void> = [];
  private readonly legs = new Map<string, Leg>();
  private readonly placed: PlaceCallRequest[] = [];
  private closed = false;

  constructor(
    private readonly timers: CallTimers,
    private readonly clock: Clock,
    private readonly captions: SimulationCaptions,
    private readonly options: SimulatedLineOptions = DEFAULT_SIMULATED_LINE,
  ) {}

  placeCall(request: PlaceCallRequest): Promise<PlaceCallResult> {
    if (this.closed) return Promise.resolve({ accepted: false, reason: 'line_closed' });
    if (this.legs.has(request.callId)) return Promise.resolve({ accepted: false, reason: 'duplicate_call' });
    this.placed.push(request);
    const leg: Leg = { answered: false, timers: [], media: null, patient: null };
    this.legs.set(request.callId, leg);
    this.progress(request, leg, (this.options.outcomeFor ?? ((r) => outcomeForNumber(r.to)))(request));
    return Promise.resolve({ accepted: true });
  }

  hangup(callId: string): Promise<void> {
    this.release(callId);
    return Promise.resolve();
  }

  onEvent(handler: (event: TelephonyEvent) => void): void {
    this.handlers.push(handler);
  }

  liveLegs(): Promise<readonly LiveLeg[]> {
    return Promise.resolve([...this.legs].map(([callId, leg]) => ({ callId, answered: leg.answered })));
  }

  close(): Promise<void> {
    this.closed = true;
    for (const callId of [...this.legs.keys()]) this.release(callId);
    return Promise.resolve();
  }

  /** Every call placed so far, in order (for assertions). */
  placedCalls(): readonly PlaceCallRequest[] {
    return [...this.placed];
  }

  /** The media stream of an answered call still on the line. */
  mediaOf(callId: string): SimulatedMediaStream | null {
    return this.legs.get(callId)?.media ?? null;
  }

  private progress(request: PlaceCallRequest, leg: Leg, outcome: SimulatedOutcome): void {
    const { callId } = request;
    const { ringingAfterMs, answerAfterMs, mediaSetupMs } = this.options;
    const later = (ms: number, step: () => void): void => {
      leg.timers.push(this.timers.after(ms, step));
    };
    const end = (event: (at: Date) => TelephonyEvent): void => {
      this.release(callId);
      this.emit(event(this.clock.now()));
    };
    switch (outcome) {
      case 'dial-failure':
        later(100, () => end((at) => ({ type: 'dialFailed', callId, outcome: 'failed', failureCode: 'SIP 404', at })));
        return;
      case 'busy':
        later(ringingAfterMs, () =>
          end((at) => ({ type: 'dialFailed', callId, outcome: 'busy', failureCode: 'SIP 486', at })),
        );
        return;
      default:
        later(ringingAfterMs, () => this.emit({ type: 'ringing', callId, at: this.clock.now() }));
    }
    // Nobody picks up: the application's ring deadline hangs up.
    if (outcome === 'no-answer') return;
    if (outcome === 'voicemail') {
      later(answerAfterMs, () => end((at) => ({ type: 'answered', callId, by: 'machine', at })));
      return;
    }
    later(answerAfterMs, () => {
      leg.answered = true;
      this.emit({ type: 'answered', callId, by: 'human', at: this.clock.now() });
      later(mediaSetupMs, () => this.connectMedia(request, leg, outcome));
    });
  }

  private connectMedia(request: PlaceCallRequest, leg: Leg, outcome: SimulatedOutcome): void {
    const { callId } = request;
    const media = new SimulatedMediaStream(this.timers, this.clock);
    const patient = new SimulatedPatient(
      callId,
      outcome,
      request.language,
      this.captions,
      this.timers,
      { thinkMs: this.options.thinkMs, hangUpAfterMs: this.options.hangUpAfterMs },
      () => {
        this.release(callId);
        this.emit({ type: 'hungUp', callId, cause: 16, at: this.clock.now() });
      },
    );
    patient.listenTo(media);
    leg.media = media;
    leg.patient = patient;
    this.emit({ type: 'mediaReady', callId, media, at: this.clock.now() });
  }

  private release(callId: string): void {
    const leg = this.legs.get(callId);
    if (leg === undefined) return;
    this.legs.delete(callId);
    for (const timer of leg.timers) timer.cancel();
    leg.patient?.stop();
    leg.media?.close();
  }

  private emit(event: TelephonyEvent): void {
    for (const handler of this.handlers) handler(event);
  }
}
