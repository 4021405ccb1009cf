// The domain's schemas are core's (`@vision/core/schemas`, pure: zod only); the contract re-exports them.
export * from '@vision/core/schemas';
