import { dirname, join } from 'node:path';
import ts from 'typescript';
import { PAGE_DIR } from '../src';

/** The page compiles with the DOM library, which the workspace's own `pnpm typecheck` leaves out. */
describe('the console page', () => {
  it('type-checks with its own tsconfig (DOM, Preact JSX)', () => {
    const file = join(PAGE_DIR, 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(file, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    expect(config?.fileNames.length).toBeGreaterThan(5);
    const program = ts.createProgram(config?.fileNames ?? [], config?.options ?? {});
    const messages = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) => `${d.file ? d.file.fileName.slice(dirname(PAGE_DIR).length) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(messages).toEqual([]);
  });
});
