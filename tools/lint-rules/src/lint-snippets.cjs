// Lints snippets as if they were files of the workspace, with the workspace's own ESLint config and
// project graph. Reads [{ filePath, code }] as JSON on stdin, writes [{ filePath, messages }] on stdout.
// A separate process because ESLint loads eslint.config.mjs with import(), which jest's sandbox refuses.
const path = require('node:path');
const { ESLint } = require('eslint');
const { createProjectGraphAsync, readCachedProjectGraph } = require('@nx/devkit');

const ROOT = path.resolve(__dirname, '..', '..', '..');

async function main() {
  const snippets = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  try {
    readCachedProjectGraph();
  } catch {
    // @nx/enforce-module-boundaries silently skips its checks without a cached graph.
    await createProjectGraphAsync({ exitOnError: true });
  }
  const eslint = new ESLint({ cwd: ROOT });
  const results = [];
  for (const { filePath, code } of snippets) {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
    results.push({
      filePath,
      messages: result.messages.map(({ ruleId, message }) => ({ ruleId, message })),
    });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
