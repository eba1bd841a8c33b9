// One racing client: for each round it claims, for its own session, patterns that all cover
// `round-N/y` in a different spelling, so exactly one of the racers can win each round.
import { keepAliveApi } from './keep-alive-api.mjs';

const [url, token, session, rounds, variant] = process.argv.slice(2);
const api = keepAliveApi(url, token, 1);

function patternsFor(round) {
  const dir = `round-${round}`;
  switch (Number(variant) % 5) {
    case 0: return [`${dir}/y`];
    case 1: return [`${dir}/*`];
    case 2: return [`${dir}/**`];
    case 3: return [`${dir}/x`, `${dir}/y`];
    default: return [`${dir}/{y,z}`, `${dir}/z`];
  }
}

const won = [];
for (let round = 0; round < Number(rounds); round++) {
  const { status, body } = await api.call('claim', { session, patterns: patternsFor(round), mode: 'write' });
  if (status === 200) won.push(round);
  else if (status !== 409 || body.error.code !== 'refused') {
    throw new Error(`round ${round}: unexpected answer ${status} ${JSON.stringify(body)}`);
  }
}
api.close();
process.stdout.write(JSON.stringify({ session, won, patterns: patternsFor(0).length }));
