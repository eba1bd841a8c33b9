// A lean API caller for load-generating child processes: one keep-alive connection pool over
// node:http, far cheaper per request than fetch, so the clients do not starve the coordinator.
import http from 'node:http';

export function keepAliveApi(url, token, connections = 4) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(url);
  const call = (op, input) => {
    const body = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          hostname,
          port,
          path: `/api/${op}`,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
        },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()) }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  };
  return { call, close: () => agent.destroy() };
}
