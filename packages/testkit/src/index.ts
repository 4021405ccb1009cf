export * from './corpus';
export * from './double';
export * from './colour-images';
