export * from './batch';
export * from './model';
