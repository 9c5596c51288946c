import 'reflect-metadata';
import { systemActor } from '../domain/shared/actor';
import type { AuditVerification } from '../application/compliance/verify-audit-trail';
import type { ComplianceUseCases } from '../application/compliance/compliance-use-cases';
import { COMPLIANCE_TOKENS } from './compliance-module';
import { loadConfig, type Environment } from './config';
import { buildContainer } from './container';
import { closeMongoPersistence, openMongoPersistence } from './mongo-module';

export interface AuditVerifyOutput {
  write(text: string): void;
}

const option = (args: readonly string[], name: string): number | undefined => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = Number(args[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

/**
 * The operator's audit verification (`npm run audit:verify -- [--from N] [--to N]`): verifies the chain of the
 * configured store with the configured signing key, prints the report as JSON, and exits 0 when the chain is
 * intact, 2 when a link is broken, 1 when it could not run. Needs the server's AUDIT_SIGNING_KEY: with a key made
 * up for this run every signature would fail, so that is refused up front.
 */
export const runAuditVerify = async (
  environment: Environment,
  args: readonly string[],
  out: AuditVerifyOutput = process.stdout,
): Promise<number> => {
  const config = loadConfig({ ...environment, SEED_DEMO_DATA: 'false' });
  if (config.generatedKeys.includes('AUDIT_SIGNING_KEY')) {
    out.write('audit verify: AUDIT_SIGNING_KEY is not set; use the key the server signs with\n');
    return 1;
  }
  const mongo = await openMongoPersistence(config);
  const container = buildContainer({ config, ...(mongo === undefined ? {} : { mongo }) });
  try {
    const compliance = container.get<ComplianceUseCases>(COMPLIANCE_TOKENS.UseCases);
    const fromSeq = option(args, '--from');
    const toSeq = option(args, '--to');
    const report: AuditVerification = await compliance.verifyAudit.run(
      { ...(fromSeq === undefined ? {} : { fromSeq }), ...(toSeq === undefined ? {} : { toSeq }) },
      { ...systemActor, requestId: 'audit-verify-cli' },
    );
    await compliance.ports.chainPending();
    out.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 2;
  } finally {
    await closeMongoPersistence(container);
  }
};

if (require.main === module) {
  runAuditVerify(process.env, process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`audit verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
