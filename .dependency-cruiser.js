/**
 * The layer rule of ARCHITECTURE.md as a CI gate: bootstrap -> adapters -> application -> domain, and adapter
 * families talk to each other only through ports (RESOLUTIONS.md 21).
 */
// Small pure computation libraries the domain may use (RESOLUTIONS.md 15).
const domainAllowedPackages = ['luxon'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports only domain/ (and small pure libraries): no application, adapters, bootstrap.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(application|adapters|bootstrap|test|bench)/' },
    },
    {
      name: 'domain-no-io-or-packages',
      comment: 'domain/ never imports node I/O modules, frameworks, DI or SDKs.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: 'node_modules/', pathNot: `node_modules/(${domainAllowedPackages.join('|')})/` },
    },
    {
      name: 'domain-no-core-modules',
      severity: 'error',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'application-depends-on-domain-only',
      comment: 'application/ imports domain/ and its own ports: never adapters or bootstrap.',
      severity: 'error',
      from: { path: '^application/' },
      to: { path: '^(adapters|bootstrap|test|bench)/' },
    },
    {
      name: 'application-no-frameworks',
      comment: 'application/ never imports a framework, SDK or other package: the core stays portable.',
      severity: 'error',
      from: { path: '^application/' },
      to: { path: ['node_modules/'] },
    },
    {
      name: 'application-no-core-modules',
      severity: 'error',
      from: { path: '^application/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'adapters-not-bootstrap',
      comment: 'adapters/ never import bootstrap/ (the composition root).',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^(bootstrap|test|bench)/' },
    },
    {
      name: 'adapter-families-through-ports',
      comment: 'An adapter family imports itself, the core and shared pure modules; other families only through ports.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: ['^adapters/$1/', '^adapters/(audio|shared)/'] },
    },
    {
      name: 'shared-adapter-modules-stay-leaf',
      comment: 'adapters/shared and adapters/audio are shared by every family, so they import no family.',
      severity: 'error',
      from: { path: '^adapters/(shared|audio)/' },
      to: { path: '^adapters/', pathNot: '^adapters/(shared|audio)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/'] },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
    },
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
