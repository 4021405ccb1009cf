export * from './batch';
export * from './images';
export * from './answer';
export * from './lmstudio';
export * from './inference';
export * from './accuracy';
