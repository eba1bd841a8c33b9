// One benchmark client process: `connections` concurrent loops over keep-alive HTTP, each
// doing `op` for `seconds`. Mode "claim": claim then release a private path, and every fourth
// time a path shared by all clients (double grants are checked afterwards from the audit log).
import { keepAliveApi } from '../test/helpers/keep-alive-api.mjs';

const [url, token, sessionsJson, op, seconds, connections] = process.argv.slice(2);
const sessions = JSON.parse(sessionsJson);
const { call, close } = keepAliveApi(url, token, Number(connections));

let ops = 0;
let refused = 0;
const deadline = Date.now() + Number(seconds) * 1000;
await Promise.all(
  sessions.map(async (session, k) => {
    for (let i = 0; Date.now() < deadline; i++) {
      if (op === 'noop') {
        await call('whoami', {});
        ops++;
        continue;
      }
      const pattern = i % 4 === 0 ? `shared/${i % 16}.txt` : `private/${session}/${i}.txt`;
      const claim = await call('claim', { session, patterns: [pattern], mode: 'write' });
      ops++;
      if (claim.status === 200) {
        await call('release', { session, patterns: [pattern] });
        ops++;
      } else if (claim.status === 409) refused++;
      else throw new Error(`claim answered ${claim.status}: ${JSON.stringify(claim.body)} (${k})`);
    }
  }),
);
close();
process.stdout.write(JSON.stringify({ ops, refused }));
