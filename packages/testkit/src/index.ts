export * from './corpus';
export * from './double';
