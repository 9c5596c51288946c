import type { Container } from 'inversify';
import type { IdentityPorts } from '../application/identity/identity-ports';
import type { PatientPorts } from '../application/patients/patient-ports';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import { TOKENS } from '../application/ports/tokens';
import type { LargeBodyRoute } from '../adapters/http/middleware/json-body';
import { INFRA } from './infra-tokens';

/** The four routes whose JSON may carry an inline `data:` image (API-CONTRACT.md §1.3): bodies up to 8 MB. */
export const inlineImageRoute: LargeBodyRoute = (method, path) =>
  (method === 'POST' && /^\/v1\/patients\/?$/.test(path)) ||
  (method === 'PATCH' && /^\/v1\/(patients|caregivers|orgs)\/[^/]+\/?$/.test(path));

/**
 * Gives identity the patients context's image store (`IdentityPorts.images`: caregiver avatars, org logos, inline
 * images) and raises the JSON limit of the inline-image routes. Call it after `bindPatients`.
 */
export const bindImageUploads = (c: Container): void => {
  c.onActivation<IdentityPorts>(TOKENS.identity.Ports, (_context, ports) => {
    const patients = c.get<PatientPorts>(PATIENT_TOKENS.Ports);
    return { ...ports, images: { media: patients.media, baseUrl: patients.uploadsBaseUrl } };
  });
  const binding = c.isBound(INFRA.LargeBodyRoutes) ? c.rebind(INFRA.LargeBodyRoutes) : c.bind(INFRA.LargeBodyRoutes);
  binding.toConstantValue(inlineImageRoute);
};
