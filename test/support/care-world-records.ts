import type { JsonResponse } from './http-client';

/**
 * Records of the §6.3 and §4.11 contexts that the care matrix addresses, created through the API by a caller who
 * may create them: an org-scoped emergency phrase, a report about a patient, a privacy request the caller filed
 * about themselves, a consent about a patient and a call to a patient on the simulated line.
 */
type Send = (method: string, path: string, body?: unknown, token?: string) => Promise<JsonResponse>;

const created = (res: JsonResponse, what: string): string => {
  if (res.status !== 201) throw new Error(`${what} answered ${res.status}: ${res.text}`);
  const body = res.body as Record<string, unknown>;
  return String(body['id'] ?? body['conversationId']);
};

export const phraseBody = (label: string) => ({
  label,
  pattern: `matrix\\s+${label.replace(/[^a-z]/gi, '').toLowerCase()}`,
  language: 'en',
  category: 'Medical',
  severity: 'HIGH',
});

export const consentBody = (patientId: string, purpose: string) => ({
  subjectType: 'patient',
  subjectId: patientId,
  consentType: 'recording',
  purpose,
});

export const careRecords = (send: Send) => ({
  phrase: async (adminToken: string, label: string): Promise<string> =>
    created(await send('POST', '/v1/emergency-phrases', phraseBody(label), adminToken), 'create phrase'),
  report: async (adminToken: string, patientId: string): Promise<string> =>
    created(await send('POST', '/v1/reports', { patientId }, adminToken), 'create report'),
  /** An access request the caller of `token` files about themselves (caregiver `selfId`). */
  privacyRequest: async (token: string, selfId: string): Promise<string> =>
    created(
      await send(
        'POST',
        '/v1/privacy/requests',
        { requestType: 'access', subjectType: 'caregiver', subjectId: selfId },
        token,
      ),
      'file privacy request',
    ),
  consent: async (token: string, patientId: string, purpose: string): Promise<string> =>
    created(await send('POST', '/v1/privacy/consents', consentBody(patientId, purpose), token), 'record consent'),
  /** A call placed on the simulated line: its reserved conversation id addresses it in `/v1/calls/{id}/...`. */
  call: async (token: string, patientId: string): Promise<string> =>
    created(await send('POST', '/v1/calls/initiate', { patientId }, token), 'initiate call'),
});
