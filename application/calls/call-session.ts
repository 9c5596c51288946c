import type { EmergencyAgent } from './emergency-watch-ports';
import type { Call, EndReason } from '../../domain/calls/call';
import { formOfAddress } from '../../domain/conversations/agent-briefing';
import type { CallTurn } from '../../domain/calls/call-conversation';
import { liveDeadlinesOf, type LiveDeadline } from '../../domain/calls/call-deadlines';
import type { Patient } from '../../domain/patients/patient';
import type { TimerHandle } from '../ports/call-timers';
import type { MediaStream } from '../ports/media-stream';
import type { AgentEvent, AgentSession } from '../ports/voice-agent';
import { briefingForCall } from './call-agent-briefing';
import type { CallLifecycle } from './call-lifecycle';
import type { CallPorts } from './call-ports';
import type { CallRuntime, LiveSession } from './call-runtime';
import { recordCallTurn } from './record-call-turn';

/** Runtime instructions are written in English (DOMAIN.md §6.4); the scripted agent reads their kind. */
const INSTRUCTIONS = {
  wrapUp: 'Start closing the conversation gently: the call must end within a minute.',
  silenceCheckIn: 'The patient has been quiet for a while: check whether they are still there.',
  goodbye: 'Say a short, warm goodbye now; the system ends the call after it.',
} as const;

/** Patient speech is written to the call at most this often (VOICE.md §1.4). */
const SPEECH_WRITE_INTERVAL_MS = 5_000;
/** A silence deadline that falls while someone speaks is retried this much later. */
const SILENCE_DEFER_MS = 1_000;

/**
 * One live call (VOICE.md §0.4, §1.2-§1.5), from media ready to the end: opens the agent session, attaches the
 * media, marks the call live (`agentConnectedAt`) and asks for the greeting, records settled turns in order,
 * delivers the wrap-up, silence and goodbye instructions at the call's live deadlines, and ends the call on the
 * agent's `end_call`, on a lost agent, or when a goodbye runs over its limit. Agent events are handled
 * synchronously in arrival order; writes go to the call's work queue.
 */
export class CallSession implements LiveSession {
  private agent: AgentSession | null = null;
  private stopped = false;
  private turnTaking = false;
  private userSpeaking = false;
  private lastPatientSpeechAt: Date | null = null;
  private lastSpeechWrittenAt = Number.NEGATIVE_INFINITY;
  private pendingEnd: EndReason | null = null;
  private times: { answeredAt: Date; agentConnectedAt: Date } | null = null;
  private fixedTimers: TimerHandle[] = [];
  private silenceTimers: TimerHandle[] = [];
  private goodbyeTimer: TimerHandle | null = null;

  constructor(
    private readonly ports: CallPorts,
    private readonly runtime: CallRuntime,
    private readonly lifecycle: CallLifecycle,
    private readonly call: Call,
    private readonly patient: Patient,
    private readonly media: MediaStream,
  ) {}

  /** Opens the agent session and goes live; never throws (a failed open ends the call `agent_unavailable`). */
  async begin(): Promise<void> {
    const { call, patient } = this;
    let agent: AgentSession;
    try {
      agent = await this.ports.agent.open({
        callId: call.id,
        conversationId: call.conversationId,
        language: patient.preferredLanguage,
        instructions: await briefingForCall(this.ports, call, patient),
        patientName: formOfAddress(patient.name, patient.preferredName),
      });
    } catch (error) {
      this.ports.logger.warn({ callId: call.id, err: error }, 'agent session could not be opened');
      this.end('agent_unavailable');
      return;
    }
    if (this.stopped) {
      agent.close();
      return;
    }
    this.agent = agent;
    agent.onEvent((event) => this.onAgentEvent(event));
    agent.attach(this.media);
    const connectedAt = this.ports.clock.now();
    this.enqueue('go live', async () => {
      const saved = await this.lifecycle.apply(call.id, { type: 'agentConnected', at: connectedAt });
      if (this.stopped || saved?.answeredAt == null || saved.agentConnectedAt === null) return;
      this.times = { answeredAt: saved.answeredAt, agentConnectedAt: saved.agentConnectedAt };
      this.armLiveDeadlines();
      this.runtime.live.update(call.id, { conversationState: 'thinking' });
      agent.requestResponse('greeting');
    });
  }

  onDeadline(kind: LiveDeadline): void {
    if (this.stopped || this.agent === null) return;
    if ((kind === 'silenceCheckIn' || kind === 'silenceHangup') && this.userSpeaking) {
      this.silenceTimers.push(this.ports.timers.after(SILENCE_DEFER_MS, () => this.onDeadline(kind)));
      return;
    }
    this.ports.logger.info({ callId: this.call.id, kind }, 'live call deadline reached');
    switch (kind) {
      case 'wrapUp':
        this.agent.deliverInstruction({ kind: 'wrapUp', text: INSTRUCTIONS.wrapUp });
        return;
      case 'silenceCheckIn':
        this.agent.deliverInstruction({ kind: 'silenceCheckIn', text: INSTRUCTIONS.silenceCheckIn });
        this.agent.requestResponse('checkIn');
        return;
      case 'maxDuration':
        this.beginGoodbye('max_duration');
        return;
      case 'silenceHangup':
        this.beginGoodbye('silence_timeout');
        return;
    }
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of [...this.fixedTimers, ...this.silenceTimers]) timer.cancel();
    this.goodbyeTimer?.cancel();
    this.fixedTimers = [];
    this.silenceTimers = [];
    this.agent?.close();
    this.media.close();
  }

  private onAgentEvent(event: AgentEvent): void {
    if (this.stopped) return;
    const callId = this.call.id;
    const now = this.ports.clock.now();
    switch (event.type) {
      case 'speechStarted':
        this.userSpeaking = true;
        this.runtime.live.update(callId, {
          userIsSpeaking: true,
          conversationState: 'listening',
          lastUserSpeechStart: now,
        });
        return;
      case 'speechStopped':
        this.userSpeaking = false;
        this.patientSpoke(now);
        this.runtime.live.update(callId, { userIsSpeaking: false, conversationState: 'thinking' });
        return;
      case 'turnFinal': {
        const messageId = this.record({
          itemId: event.itemId,
          role: event.role,
          status: 'final',
          text: event.text,
          at: event.at,
        });
        if (event.role === 'patient') {
          this.patientSpoke(event.at);
          this.watchForEmergency(messageId, event.text, event.at);
        } else this.assistantTurnSettled(event.at);
        return;
      }
      case 'turnTruncated':
        this.record({ itemId: event.itemId, role: 'assistant', status: 'truncated', text: event.heardText, at: now });
        return;
      case 'responseDone':
        if (!this.userSpeaking) this.runtime.live.update(callId, { isSpeaking: false, conversationState: 'idle' });
        return;
      case 'endCallRequested':
        this.fixedTimers.push(
          this.ports.timers.after(this.ports.settings.hangupAfterGoodbyeMs, () =>
            this.end(this.pendingEnd ?? 'agent_goodbye'),
          ),
        );
        return;
      case 'lost':
        this.ports.logger.warn({ callId, reason: event.reason }, 'agent session lost');
        this.end('agent_unavailable');
        return;
      case 'error':
        this.ports.logger.warn({ callId, code: event.code }, 'agent error');
        return;
      default:
        return;
    }
  }

  /** The greeting protection ends once the first assistant turn has played (VOICE.md §4.5). */
  private assistantTurnSettled(at: Date): void {
    if (!this.turnTaking) {
      this.turnTaking = true;
      this.agent?.enableTurnTaking();
    }
    this.runtime.live.update(this.call.id, { lastAiSpeechStart: at, conversationState: 'idle' });
  }

  private record(turn: Omit<CallTurn, 'messageId'>): string {
    const messageId = this.ports.ids.next();
    this.enqueue('record turn', () => recordCallTurn(this.ports, this.call.conversationId, { ...turn, messageId }));
    return messageId;
  }

  /** Off the work queue, so the agent's emergency instruction never waits behind database writes. */
  private watchForEmergency(messageId: string, text: string, at: Date): void {
    const watch = this.ports.emergencyWatch;
    if (watch === undefined) return;
    const live: EmergencyAgent = {
      preempt: () => {
        if (!this.stopped) this.agent?.preempt();
      },
      deliverInstruction: (instruction) => {
        if (!this.stopped) this.agent?.deliverInstruction(instruction);
      },
      requestResponse: (kind) => {
        if (!this.stopped && !this.userSpeaking) this.agent?.requestResponse(kind);
      },
    };
    const { call, patient } = this;
    watch
      .onPatientTurn(
        {
          callId: call.id,
          conversationId: call.conversationId,
          patientId: patient.id,
          orgId: patient.orgId,
          language: patient.preferredLanguage,
          text,
          at,
          messageId,
        },
        live,
      )
      .catch((error: unknown) => this.ports.logger.error({ callId: call.id, err: error }, 'emergency watch failed'));
  }

  private patientSpoke(at: Date): void {
    this.lastPatientSpeechAt = at;
    this.armSilence();
    if (at.getTime() - this.lastSpeechWrittenAt < SPEECH_WRITE_INTERVAL_MS) return;
    this.lastSpeechWrittenAt = at.getTime();
    this.enqueue('patient speech', () => this.lifecycle.apply(this.call.id, { type: 'patientSpoke', at }));
  }

  private beginGoodbye(reason: EndReason): void {
    if (this.pendingEnd !== null || this.agent === null) return;
    this.pendingEnd = reason;
    this.agent.deliverInstruction({ kind: 'goodbye', text: INSTRUCTIONS.goodbye });
    this.agent.requestResponse('goodbye');
    this.goodbyeTimer = this.ports.timers.after(this.ports.settings.timing.goodbyeLimitMs, () => this.end(reason));
  }

  private armLiveDeadlines(): void {
    if (this.times === null) return;
    const due = liveDeadlinesOf({ ...this.times, lastPatientSpeechAt: null }, this.ports.settings.timing);
    this.fixedTimers.push(
      this.ports.timers.at(due.wrapUp, () => this.onDeadline('wrapUp')),
      this.ports.timers.at(due.maxDuration, () => this.onDeadline('maxDuration')),
    );
    this.armSilence();
  }

  /** Silence deadlines count from the later of the agent connecting and the patient's last speech. */
  private armSilence(): void {
    if (this.times === null || this.stopped) return;
    for (const timer of this.silenceTimers) timer.cancel();
    const due = liveDeadlinesOf(
      { ...this.times, lastPatientSpeechAt: this.lastPatientSpeechAt },
      this.ports.settings.timing,
    );
    this.silenceTimers = [
      this.ports.timers.at(due.silenceCheckIn, () => this.onDeadline('silenceCheckIn')),
      this.ports.timers.at(due.silenceHangup, () => this.onDeadline('silenceHangup')),
    ];
  }

  /** Ends the call for `reason`: the line is hung up and the terminal transaction runs on the call's queue. */
  private end(reason: EndReason): void {
    const at = this.ports.clock.now();
    this.enqueue('end call', () =>
      this.lifecycle.hangUpAndApply(this.call.id, { type: 'hangup', at, reason }).then(() => undefined),
    );
  }

  private enqueue(what: string, work: () => Promise<unknown>): void {
    this.runtime.queue
      .run(this.call.id, work)
      .catch((error: unknown) => this.ports.logger.error({ callId: this.call.id, err: error }, `${what} failed`));
  }
}
