/** The CLI's exit codes, as `vision-batch help` lists them. */
export const EXIT = {
  allSucceeded: 0,
  someFailed: 1,
  usageOrConnection: 2,
  /** 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
  interrupted: 130,
} as const;
