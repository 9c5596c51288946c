import { CompletePrivacyRequest } from './complete-privacy-request';
import { ConsentService } from './consent-service';
import { CreatePrivacyRequest } from './create-privacy-request';
import { DownloadPrivacyExport } from './download-privacy-export';
import { AppealPrivacyRequest, UpdatePrivacyRequest } from './handle-privacy-request';
import { ListConsents, RecordConsent, WithdrawConsent } from './manage-consents';
import type { PrivacyPorts } from './privacy-ports';
import { GetPrivacyRequest, ListPrivacyRequests } from './read-privacy-requests';

/** Every privacy use-case over one set of ports; the HTTP adapter takes what it needs. */
export const createPrivacyUseCases = (ports: PrivacyPorts) => ({
  ports,
  createRequest: new CreatePrivacyRequest(ports),
  listRequests: new ListPrivacyRequests(ports),
  getRequest: new GetPrivacyRequest(ports),
  updateRequest: new UpdatePrivacyRequest(ports),
  appealRequest: new AppealPrivacyRequest(ports),
  completeRequest: new CompletePrivacyRequest(ports),
  downloadExport: new DownloadPrivacyExport(ports),
  recordConsent: new RecordConsent(ports),
  listConsents: new ListConsents(ports),
  withdrawConsent: new WithdrawConsent(ports),
  consentService: new ConsentService(ports.consents),
});

export type PrivacyUseCases = ReturnType<typeof createPrivacyUseCases>;
