/**
 * Debian's Chromium (`apt-get install chromium`, as `.ci/run` does), launched the same way by the browser tests
 * and by the preview benchmark; nothing here ever downloads a browser. `CHROMIUM_PATH` points elsewhere.
 */
export const debianChromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
