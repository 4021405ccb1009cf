import helmet from 'helmet';

/**
 * Security headers for the API and the web app. The app is served over plain HTTP on a local network, so no
 * HSTS and no upgrade-insecure-requests (both would break it); previews use blob: URLs.
 */
export const securityHeaders = () =>
  helmet({
    hsts: false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'blob:', 'data:'],
        connectSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
