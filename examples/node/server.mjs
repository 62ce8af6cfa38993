// A small backend that trusts Portcullis tokens: node server.mjs
// Environment: PORTCULLIS_ISSUER (default http://localhost:8080), AUDIENCES (comma list,
// default orders-api), PORT (default 0: any free port). Prints {"listening": port}.
import http from 'node:http';

import { authorities, createVerifier } from './verifier.mjs';

const issuer = process.env.PORTCULLIS_ISSUER ?? 'http://localhost:8080';
const audiences = (process.env.AUDIENCES ?? 'orders-api').split(',');
const verify = await createVerifier({ issuer, audiences });

function answer(response, status, body, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

async function authenticate(request) {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer (\S+)$/i.exec(header);
  if (match === null) {
    return null;
  }
  try {
    return await verify(match[1]);
  } catch {
    return null;
  }
}

const server = http.createServer(async (request, response) => {
  const claims = await authenticate(request);
  if (claims === null) {
    answer(response, 401, { error: 'invalid_token' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    return;
  }
  const granted = authorities(claims);
  if (request.method === 'GET' && request.url === '/me') {
    answer(response, 200, { sub: claims.sub, authorities: granted });
  } else if (request.method === 'GET' && request.url === '/orders') {
    if (!granted.includes('SCOPE_orders:read') && !granted.includes('ROLE_user')) {
      answer(response, 403, { error: 'insufficient_scope' },
        { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="orders:read"' });
      return;
    }
    answer(response, 200, { caller: claims.sub, orders: [{ id: 1, item: 'portcullis' }] });
  } else {
    answer(response, 404, { error: 'not_found' });
  }
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ listening: server.address().port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
