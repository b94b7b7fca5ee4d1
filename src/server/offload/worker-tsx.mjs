// Only when the server runs from its TypeScript sources (the tests): a worker thread does not inherit the loader that
// runs them, so it registers tsx itself and then loads worker.ts. The built server (dist/) loads worker.js directly.
import { register } from 'tsx/esm/api';

register();
const { default: runTask } = await import('./worker.ts');
export default runTask;
