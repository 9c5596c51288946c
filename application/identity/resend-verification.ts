import type { IdentityPorts } from './identity-ports';
import { sendVerificationIfDue } from './send-verification';

/** Always answers success; sends only to the stored address of an unverified account or pending change. */
export class ResendVerification {
  constructor(private readonly ports: IdentityPorts) {}

  async execute(target: { id?: string; email?: string }): Promise<void> {
    const byId =
      target.id !== undefined && /^[0-9a-f]{24}$/.test(target.id)
        ? await this.ports.caregivers.findById(target.id)
        : null;
    const caregiver =
      byId ?? (target.email === undefined ? null : await this.ports.caregivers.findByEmail(target.email));
    if (caregiver !== null) await sendVerificationIfDue(this.ports, caregiver);
  }
}
