import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** LM Studio's own adapter: the only code that speaks of LM Studio by name. */
export const LM_STUDIO_ADAPTER = ['packages/core/src/lmstudio/', 'packages/testkit/src/double/kinds/lmstudio'];

/** A place outside the adapter where an `lmstudio` identifier names something users or other programs already rely on. */
export interface NameException {
  reason: string;
  allows(identifier: ts.Identifier): boolean;
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage', 'test-results', 'playwright-report']);
const isSource = (file: string) => /\.(tsx?|mjs)$/.test(file) && !file.endsWith('.d.ts');
const isTest = (file: string) => /\.(test|spec)\.tsx?$/.test(file);
const mentionsServerName = (name: string) => /lmstudio/i.test(name);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.') || SKIPPED_FOLDERS.has(name)) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return isSource(full) ? [full] : [];
  });
}

function parse(file: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : file.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

/** Identifiers only, from the parsed tree: words inside strings, comments, templates and regular expressions do not count. */
function identifiersIn(source: ts.SourceFile): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `lmstudio: …` in an object or a type, or `something.lmstudio`. */
function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === identifier;
  const named = ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isShorthandPropertyAssignment(parent);
  return named && parent.name === identifier;
}

/** The names of the other keys of the object, type or interface `identifier` is a key of. */
function siblingKeys(identifier: ts.Identifier): string[] {
  const owner = identifier.parent.parent;
  let list: readonly (ts.ObjectLiteralElementLike | ts.TypeElement)[] = [];
  if (ts.isObjectLiteralExpression(owner)) list = owner.properties;
  else if (ts.isTypeLiteralNode(owner) || ts.isInterfaceDeclaration(owner)) list = owner.members;
  return list.flatMap((member) => (member.name && ts.isIdentifier(member.name) ? [member.name.text] : []));
}

/** The `LMSTUDIO_*` variables the server's env schema reads. */
export function environmentNames(root: string): Set<string> {
  const env = parse(path.join(root, 'apps/server/src/env.ts'));
  return new Set(
    identifiersIn(env)
      .map((identifier) => identifier.text)
      .filter((name) => /^LMSTUDIO_[A-Z0-9_]+$/.test(name)),
  );
}

export function serverNameExceptions(root: string): NameException[] {
  const variables = environmentNames(root);
  return [
    {
      reason: 'the LMSTUDIO_* environment variables keep the names users already set',
      allows: (identifier) => variables.has(identifier.text),
    },
    {
      reason: "/api/ready answers the hosts together under `lmstudio` (beside `hosts`), the field's name since the one-host form",
      allows: (identifier) => identifier.text === 'lmstudio' && isPropertyName(identifier) && siblingKeys(identifier).includes('hosts'),
    },
    {
      reason: "'lmstudio' is a server kind: tables keyed by kind name it beside the other kinds, and read it as `table.lmstudio`",
      allows: (identifier) =>
        identifier.text === 'lmstudio' &&
        isPropertyName(identifier) &&
        (ts.isPropertyAccessExpression(identifier.parent) || siblingKeys(identifier).includes('ollama')),
    },
  ];
}

/** Each non-test source file outside LM Studio's adapter that uses an `lmstudio` identifier no exception allows, with those identifiers. */
export function filesUsingServerName(root: string, exceptions = serverNameExceptions(root)): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (isTest(relative) || LM_STUDIO_ADAPTER.some((prefix) => relative.startsWith(prefix))) continue;
    const names = identifiersIn(parse(file))
      .filter((identifier) => mentionsServerName(identifier.text))
      .filter((identifier) => !exceptions.some((exception) => exception.allows(identifier)))
      .map((identifier) => identifier.text);
    if (names.length > 0) files.set(relative, [...new Set(names)]);
  }
  return files;
}
