import { isMissing, type LabContract, type TeardownContext } from './contract';

/**
 * Runs a lab's teardown hooks in order, before its stack is destroyed; the first failure stops the
 * destroy (it throws). A lab that declares no hooks returns at once. Returns the descriptions run.
 */
export async function runTeardown(contract: Pick<LabContract, 'teardown'>, context: TeardownContext): Promise<string[]> {
  if (isMissing(contract.teardown)) return [];
  const done: string[] = [];
  for (const hook of contract.teardown) {
    context.log(`before destroy: ${hook.description}`);
    try {
      await hook.run(context);
    } catch (error) {
      throw new Error(
        `before destroying ${context.environment.lab.id}/${context.environment.name}, "${hook.description}" failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    done.push(hook.description);
  }
  return done;
}
