'use strict';
/**
 * A worker thread of `WorkerPool` for `BcryptPasswordHasher`. Plain CommonJS on purpose: Jest (which runs the
 * TypeScript sources) and the compiled `dist/` both start it by path, and neither transpiles worker files.
 *
 * Request  `{ id, payload: { op: 'hash', password, cost } | { op: 'compare', password, hash } }`
 * Response `{ id, ok: true, value }` or `{ id, ok: false, message }`.
 * Each worker runs one task at a time, so the synchronous bcryptjs calls are the fastest choice here.
 */
const { parentPort } = require('node:worker_threads');
const bcrypt = require('bcryptjs');

const run = (payload) => {
  switch (payload && payload.op) {
    case 'hash':
      return bcrypt.hashSync(payload.password, bcrypt.genSaltSync(payload.cost));
    case 'compare':
      return bcrypt.compareSync(payload.password, payload.hash);
    default:
      throw new Error('Unknown bcrypt worker operation');
  }
};

parentPort.on('message', (request) => {
  try {
    parentPort.postMessage({ id: request.id, ok: true, value: run(request.payload) });
  } catch (error) {
    parentPort.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : 'failed' });
  }
});
