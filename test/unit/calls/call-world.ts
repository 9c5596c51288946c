import type { Call, CallStatus } from '../../../domain/calls/call';
import type { Caregiver } from '../../../domain/identity/caregiver';
import type { Patient } from '../../../domain/patients/patient';
import { CALL_TOKENS } from '../../../application/calls/call-tokens';
import type { CallUseCases } from '../../../application/calls/call-use-cases';
import type { SimulatedPhoneLine } from '../../../adapters/telephony/simulated/simulated-phone-line';
import type { ScriptedVoiceAgent } from '../../../adapters/voice/scripted/scripted-voice-agent';
import { bindCalls, CALLS_INFRA, type CallsModuleOptions } from '../../../bootstrap/calls-module';
import { createPatientWorld } from '../../application/patients/patient-world';
import { VirtualCallTimers } from './virtual-call-timers';

/**
 * The patient world (two customer organisations and the platform, see patient-world.ts) with the calls context
 * bound on the same container: simulated line, scripted agent, memory stores, and virtual timers on the world's
 * clock. Helpers place calls and step the timers until a call reaches a status.
 */
export const createCallWorld = async (options: Omit<CallsModuleOptions, 'timers'> = {}) => {
  const world = await createPatientWorld();
  const { h } = world;
  const timers = new VirtualCallTimers(h.clock);
  // Bootstrap already bound the calls context with real timers: replace it with the virtual-time one.
  for (const token of [...Object.values(CALL_TOKENS), CALLS_INFRA.Captions])
    if (h.container.isBound(token)) h.container.unbind(token);
  bindCalls(h.container, h.config, { ...options, timers });
  const calls = h.container.get<CallUseCases>(CALL_TOKENS.UseCases);
  timers.settleWith(() => calls.whenIdle());
  const line = h.container.get<SimulatedPhoneLine>(CALL_TOKENS.Telephony);
  const agent = h.container.get<ScriptedVoiceAgent>(CALL_TOKENS.VoiceAgent);
  const ports = calls.ports;

  /** "Call now" by `caller`; resolves once the dispatcher has dialled. */
  const callNow = async (caller: Caregiver, patient: Patient, callNotes?: string): Promise<Call> => {
    const initiated = await calls.initiate.execute(
      h.scopeOf(caller),
      { patientId: patient.id, ...(callNotes === undefined ? {} : { callNotes }) },
      h.actorOf(caller),
    );
    await calls.whenIdle();
    return initiated.call;
  };

  const reload = async (call: Call): Promise<Call> => {
    const found = await ports.calls.findById(call.id);
    if (found === null) throw new Error(`call ${call.id} vanished`);
    return found;
  };

  /** Steps the timers until the call is in one of `statuses`; resolves the statuses seen on the way. */
  const runUntil = async (call: Call, statuses: readonly CallStatus[]): Promise<CallStatus[]> => {
    const seen: CallStatus[] = [];
    await timers.runUntil(async () => {
      const status = (await reload(call)).status;
      if (seen[seen.length - 1] !== status) seen.push(status);
      return statuses.includes(status);
    });
    return seen;
  };

  /** A patient of `orgId` whose phone provokes a simulated outcome (last four digits, VOICE.md §5.2). */
  const patientWithPhone = (orgId: string, phone: string, caregivers: readonly Caregiver[], language = 'en') =>
    h.newPatient(orgId, { name: 'Rosa Rivera', phone, caregivers, preferredLanguage: language });

  return { ...world, timers, calls, ports, line, agent, callNow, reload, runUntil, patientWithPhone };
};

export type CallWorld = Awaited<ReturnType<typeof createCallWorld>>;
