export * from './batch';
export * from './model';
export * from './comparison';
