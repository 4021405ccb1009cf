/** The server's item errors start with the file's name, which the page already shows beside them. */
export function withoutFilename(error: string | null, filename: string): string | null {
  if (!error) return null;
  return error.startsWith(`${filename}: `) ? error.slice(filename.length + 2) : error;
}
