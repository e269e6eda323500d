// `npm run admin -- <command>`: the admin CLI's entry point. Hands argv, the environment and the standard streams to
// runAdminCli and sets the exit code from its answer (no process.exit: pending output is flushed first).
import { runAdminCli } from './run-admin-cli';

process.exitCode = await runAdminCli(process.argv.slice(2), {
  env: process.env,
  io: { stdout: process.stdout, stdin: process.stdin },
  stderr: process.stderr,
});
