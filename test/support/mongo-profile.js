// Selects the Mongo persistence profile for the end-to-end helpers (see test/support/identity-app.ts).
process.env.E2E_PROFILE = 'mongo';
