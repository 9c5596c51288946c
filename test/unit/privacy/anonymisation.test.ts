import { createCustomAlert } from '../../../domain/alerts/alert';
import {
  appendManualMessage,
  createManualConversation,
  withSummary,
  type Conversation,
} from '../../../domain/conversations/conversation';
import { createCaregiver } from '../../../domain/identity/caregiver';
import { createPatient } from '../../../domain/patients/patient';
import {
  anonymiseCaregiverProfile,
  anonymisePatient,
  redactAlert,
  redactConversation,
} from '../../../domain/privacy/anonymisation';

const now = new Date('2026-06-01T12:00:00.000Z');
const later = new Date('2026-06-02T12:00:00.000Z');

describe('anonymisation', () => {
  it('replaces the patient’s name and erases contact data, notes and time zone, once', () => {
    const patient = createPatient({
      id: 'p1',
      orgId: 'o1',
      name: 'Agnes Alphabet',
      phone: '+16045550101',
      email: 'agnes@example.org',
      preferredName: 'Aggie',
      age: 82,
      notes: 'Hard of hearing',
      timezone: 'Europe/Paris',
      avatar: 'https://x/y.jpg',
      now,
    });
    const anonymised = anonymisePatient(patient, later);
    expect(anonymised).toMatchObject({
      id: 'p1',
      orgId: 'o1',
      name: 'Deleted patient',
      preferredName: null,
      email: null,
      phone: '',
      avatar: null,
      age: null,
      notes: null,
      timezone: null,
      status: 'anonymised',
      deletedAt: null,
      updatedAt: later,
      version: patient.version,
    });
    expect(JSON.stringify(anonymised)).not.toMatch(/Agnes|Aggie|hearing|555|Paris/);
    expect(anonymisePatient(anonymised, now)).toBe(anonymised);
  });

  it('empties every message and the summary, drops sentiment and call notes, keeps times', () => {
    const manual = createManualConversation({ id: 'c1', orgId: 'o1', patientId: 'p1', language: 'en', now });
    const withMessage = appendManualMessage(manual, { id: 'm1', role: 'patient', content: 'I feel dizzy', now });
    if (typeof withMessage === 'string') throw new Error(withMessage);
    const summarised = withSummary(
      withMessage,
      { text: 'Patient felt dizzy', source: 'offline', status: 'done', generatedAt: now },
      now,
    );
    const conversation: Conversation = {
      ...summarised,
      call: { ...summarised.call, callNotes: 'Ask about dizziness' },
    };
    const redacted = redactConversation(conversation, later);
    expect(redacted.messages.map((m) => m.content)).toEqual(['']);
    expect(redacted.summary?.text).toBe('');
    expect(redacted).toMatchObject({ sentiment: null, redacted: true, startedAt: conversation.startedAt });
    expect(redacted.call.callNotes).toBeNull();
    expect(JSON.stringify(redacted)).not.toMatch(/dizz/i);
    expect(redactConversation(redacted, now)).toBe(redacted);
  });

  it('empties a custom alert’s text and leaves text-less alerts alone', () => {
    const alert = createCustomAlert({
      id: 'a1',
      orgId: 'o1',
      authorCaregiverId: 's1',
      message: 'Agnes fell',
      importance: 'high',
      alertType: 'patient',
      visibility: 'allCaregivers',
      createdBy: 's1',
      createdModel: 'Caregiver',
      patientId: 'p1',
      conversationId: null,
      now,
    });
    expect(redactAlert(alert, later)).toMatchObject({ message: '', updatedAt: later });
    const empty = redactAlert(alert, later);
    expect(redactAlert(empty, now)).toBe(empty);
  });

  it('removes a caregiver’s name, phone, avatar and password before the account is erased', () => {
    const caregiver = {
      ...createCaregiver({
        id: 'c1',
        orgId: 'o1',
        name: 'Test User',
        email: 'fake@example.org',
        phone: '+16045624263',
        role: 'staff',
        intendedRole: null,
        passwordHash: 'hash',
        isEmailVerified: true,
        now,
      }),
      isPhoneVerified: true,
      avatar: 'https://x/a.png',
    };
    expect(anonymiseCaregiverProfile(caregiver, later)).toMatchObject({
      name: 'Deleted caregiver',
      phone: null,
      isPhoneVerified: false,
      avatar: null,
      passwordHash: null,
      passwordHistory: [],
      updatedAt: later,
    });
  });
});
