import type { ProjectConfig } from '@labs/config';

/** One line of `labs doctor`: what was checked, whether it passed, and what was seen or what to do. */
export interface DoctorCheck {
  /** Short name, e.g. `aws credentials`. */
  readonly name: string;
  readonly ok: boolean;
  /** What was found; on failure, also the fix. */
  readonly detail: string;
}

/** The checks of one cloud, run against the project config. */
export type CloudDoctor = (config: ProjectConfig) => Promise<DoctorCheck[]>;

/** Runs one check, turning a thrown error into a failed line instead of ending the whole report. */
export async function check(name: string, run: () => Promise<string> | string): Promise<DoctorCheck> {
  try {
    return { name, ok: true, detail: await run() };
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message ?? String(error) };
  }
}
