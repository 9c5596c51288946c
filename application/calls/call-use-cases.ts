import type { CallPorts } from './call-ports';
import { CallLifecycle } from './call-lifecycle';
import { CallRuntime } from './call-runtime';
import { DispatchQueuedCalls } from './dispatch-queued-calls';
import { EndCall } from './end-call';
import { GetCallStatus } from './get-call-status';
import { HandleTelephonyEvent } from './handle-telephony-event';
import { InitiateCall } from './initiate-call';
import { ListActiveCalls } from './list-active-calls';
import { ReportCallStatus } from './report-call-status';
import { RequestScheduledCall } from './request-scheduled-call';
import { RunLiveConversation } from './run-live-conversation';
import { RunScheduleOccurrence } from './run-schedule-occurrence';

/**
 * Every calls use-case over one set of ports and one runtime (the in-process registries of the calls this process
 * runs). Subscribes to the telephony adapter's events: create it once per process.
 */
export const createCallUseCases = (ports: CallPorts) => {
  const runtime = new CallRuntime();
  const lifecycle = new CallLifecycle(ports, runtime);
  const dispatcher = new DispatchQueuedCalls(ports, runtime, lifecycle);
  const liveConversation = new RunLiveConversation(ports, runtime, lifecycle);
  const telephonyEvents = new HandleTelephonyEvent(ports, runtime, lifecycle, liveConversation);
  const requestScheduled = new RequestScheduledCall(ports, lifecycle, dispatcher);
  const endCall = new EndCall(ports, runtime, lifecycle);
  ports.telephony.onEvent(telephonyEvents.accept);
  return {
    ports,
    runtime,
    dispatcher,
    telephonyEvents,
    initiate: new InitiateCall(ports, lifecycle, dispatcher),
    requestScheduled,
    runScheduleOccurrence: new RunScheduleOccurrence(ports, requestScheduled),
    status: new GetCallStatus(ports, runtime),
    active: new ListActiveCalls(ports),
    end: endCall,
    report: new ReportCallStatus(endCall),
    /** Resolves once dispatch passes and every call's queued work have settled (tests, shutdown). */
    whenIdle: async (): Promise<void> => {
      await dispatcher.whenIdle();
      await runtime.queue.whenIdle();
    },
  };
};

export type CallUseCases = ReturnType<typeof createCallUseCases>;
