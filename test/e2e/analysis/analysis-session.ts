import type { InMemoryJobScheduler } from '../../../adapters/scheduling/memory/in-memory-job-scheduler';
import { TOKENS } from '../../../application/ports/tokens';
import type { JsonResponse } from '../../support/http-client';
import { startAnalysisApp, type AnalysisApp } from '../../support/analysis-app';
import { analysisFixtures } from './analysis-fixtures';

export type Body = Record<string, unknown>;

/** The live state of one analysis test file: the app, the signed-in callers and the seeded patients. */
export class AnalysisSession {
  t!: AnalysisApp;
  fx!: ReturnType<typeof analysisFixtures>;
  admin = '';
  staff = '';
  staffId = '';
  seeded: string[] = [];

  async get(path: string, token = this.staff): Promise<Body> {
    const res = await this.t.call('GET', path, undefined, token);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.text}`);
    return res.body as Body;
  }

  post(path: string, body?: unknown, token = this.staff): Promise<JsonResponse> {
    return this.t.call('POST', path, body, token);
  }

  /** Runs the due jobs, then once more for any the scheduler's own timer had already taken. */
  async runJobs(): Promise<void> {
    const scheduler = this.t.app.container.get<InMemoryJobScheduler>(TOKENS.shared.JobScheduler);
    await scheduler.runDue();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await scheduler.runDue();
  }

  /** A new patient of the seeded organisation, assigned to the staff member. */
  async newAssignedPatient(name: string): Promise<string> {
    const created = await this.t.call('POST', '/patients', { name, phone: '+16045550111' }, this.admin);
    const id = (created.body as { id: string }).id;
    const assigned = await this.post(`/patients/${id}/caregivers/${this.staffId}`, undefined, this.admin);
    if (assigned.status >= 300) throw new Error(`assignment answered ${assigned.status}`);
    return id;
  }

  /**
   * Sessions idle out after 15 minutes: sign the staff member in again after moving the clock (admins would meet
   * the MFA enrolment deadline a week after the seed).
   */
  async signInStaffAgain(): Promise<void> {
    this.staff = await this.t.login('fake@example.org');
  }
}

/**
 * One running analysis app per test file, re-seeded before each test, with the seeded admin and staff signed in.
 * Call inside `describe`: it registers the hooks and returns the session (its fields change per test).
 */
export const useSeededAnalysisApp = (): AnalysisSession => {
  const session = new AnalysisSession();
  beforeAll(async () => {
    session.t = await startAnalysisApp();
    session.fx = analysisFixtures(session.t);
  });
  afterAll(async () => {
    await session.t.stop();
  });
  beforeEach(async () => {
    const res = await session.t.call('POST', '/test/seed');
    session.seeded = [...(res.body as { data: { patients: string[] } }).data.patients];
    session.admin = await session.t.login('admin@example.org');
    session.staff = await session.t.login('fake@example.org');
    const me = await session.t.call('POST', '/test/get-caregiver-by-email', { email: 'fake@example.org' });
    session.staffId = (me.body as { id: string }).id;
  });
  return session;
};
