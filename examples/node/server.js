// catflap example: a dependency-free Node HTTP server on an inherited socket.
//   target/catflap -p 8080 -- node examples/node/server.js
'use strict';
const http = require('node:http');

const fd = Number(process.env.LISTEN_FD);
if (!Number.isInteger(fd)) {
  console.error('LISTEN_FD is not set; run me under catflap');
  process.exit(1);
}

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(`hello from node pid ${process.pid}\n`);
});

// Listening on an fd adopts the already-bound socket instead of binding a new
// one, so a restarted server picks up the connections queued while it was down.
server.listen({ fd }, () => console.error(`node pid ${process.pid} accepting on fd ${fd}`));

// Exit with status 0 once the requests in hand are answered. close() stops
// accepting (closing only our copy of the fd: whoever started us still holds
// the socket, and later clients wait in its queue) and, since Node 19, also
// drops idle keep-alive connections so they can't keep us alive.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
