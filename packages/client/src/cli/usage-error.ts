/** A mistake on the command line: reported with a pointer to the help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
