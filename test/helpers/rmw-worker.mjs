// One client process: `count` read-modify-write increments of a session's priority through the
// HTTP API, re-reading whenever the coordinator refuses a stale version. Prints its tallies.
import { keepAliveApi } from './keep-alive-api.mjs';

const [url, token, session, count] = process.argv.slice(2);
const { call, close } = keepAliveApi(url, token, 1);

let applied = 0;
let refused = 0;
for (let i = 0; i < Number(count); i++) {
  for (;;) {
    const read = await call('session.list', {});
    const { priority, version } = read.body.find((row) => row.id === session);
    const write = await call('session.update', { id: session, expectVersion: version, fields: { priority: priority + 1 } });
    if (write.status === 200) {
      applied++;
      break;
    }
    if (write.status !== 409 || write.body.error.code !== 'stale-version') {
      throw new Error(`unexpected answer ${write.status}: ${JSON.stringify(write.body)}`);
    }
    refused++;
  }
}
close();
process.stdout.write(JSON.stringify({ applied, refused }));
