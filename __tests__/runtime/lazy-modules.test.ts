// Issue 13 §1 (start-up): a run with `uploader-check: false` must not load the CloudTrail SDK.
// Checked on the import graph the bundle is built from: every static, value (non-type) import
// reachable from the action's and the CLI's entry points. A dynamic import() is not followed,
// which is how ncc keeps a module in a chunk that is only evaluated when asked for.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const allTypes =
        clause !== undefined &&
        clause.name === undefined &&
        bindings !== undefined &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((element) => element.isTypeOnly);
      if (!allTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isExportDeclaration(statement) &&
      !statement.isTypeOnly &&
      statement.moduleSpecifier
    ) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Every package reached from `entry` through static value imports of src/ files. */
function packagesReached(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [resolve(entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const target = join(dirname(file), specifier.replace(/\.js$/u, '.ts'));
      if (existsSync(target)) queue.push(target);
    }
  }
  return packages;
}

describe('heavy modules only some runs need are not imported statically', () => {
  it.each(['src/index.ts', 'src/cli.ts'])('%s does not load the CloudTrail SDK', (entry) => {
    const reached = packagesReached(entry);
    // The walk itself works: the ECR SDK is reached.
    expect(reached).toContain('@aws-sdk/client-ecr');
    expect(reached).not.toContain('@aws-sdk/client-cloudtrail');
  });
});
