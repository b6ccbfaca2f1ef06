/** The `baton` program: runs the command line on this process's arguments and streams. */
import { run } from './baton';

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
