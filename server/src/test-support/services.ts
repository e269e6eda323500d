// How integration tests find the external services they need (PostgreSQL, Redis). The only test-side reader of
// process.env. Outside CI an unset variable skips the suite under a title that names it; in CI it fails loudly,
// so a misconfigured pipeline cannot go green by skipping.

export type TestServiceVariable = 'TEST_DATABASE_URL' | 'TEST_REDIS_URL';

const EXAMPLES: Record<TestServiceVariable, string> = {
  TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  TEST_REDIS_URL: 'redis://127.0.0.1:6379',
};

export interface TestService {
  readonly variable: TestServiceVariable;
  /** The service URL, or null when the variable is unset (the suite must skip). */
  readonly url: string | null;
  /** Suite title; when skipped it says which variable to set, so the skip is visible in the report. */
  title(name: string): string;
  /** The URL inside a suite that only runs when it is set. */
  requireUrl(): string;
}

/** @throws Error when the variable is unset and `CI=true`. */
export function findTestService(
  variable: TestServiceVariable,
  env: Readonly<Record<string, string | undefined>> = process.env,
): TestService {
  const url = env[variable]?.trim() || null;
  const hint = `set ${variable} (e.g. ${variable}=${EXAMPLES[variable]}) to run it`;
  if (url === null && env.CI === 'true') {
    throw new Error(`${variable} is not set, and CI=true forbids skipping this suite: ${hint}`);
  }
  // The default reporter lists only counts for skipped tests, so say it where a reader of the run will see it.
  if (url === null) console.warn(`Skipping the ${variable} suites: ${hint}.`);
  return {
    variable,
    url,
    title: (name) => (url === null ? `${name} [SKIPPED: ${hint}]` : name),
    requireUrl: () => {
      if (url === null) throw new Error(`${variable} is not set: ${hint}`);
      return url;
    },
  };
}
