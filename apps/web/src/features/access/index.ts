export { AccessGate } from './components/access-gate';
