export * from './batch';
export * from './images';
export * from './answer';
export * from './lmstudio';
export * from './accuracy';
export { silentLogger, type Logger } from './logger';
