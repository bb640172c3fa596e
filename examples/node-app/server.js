// A plain Node.js app as it runs under Fleetgate: no cluster code. Fleetgate starts one process
// per worker and gives each its PORT (and WORKER_ID, HOST); the proxy in front keeps Host and
// adds X-Forwarded-For, as the nginx recipe did.
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
const worker = process.env.WORKER_ID || '0';

const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({
    worker,
    pid: process.pid,
    path: req.url,
    host: req.headers.host || null,
    xForwardedFor: req.headers['x-forwarded-for'] || null,
    xForwardedProto: req.headers['x-forwarded-proto'] || null,
  }));
});

// WebSocket echo on /ws: each message comes back prefixed with the worker that answered.
const wss = new WebSocketServer({ server, path: '/ws' });
wss.on('connection', (socket) => {
  socket.send(`hello from worker ${worker}`);
  socket.on('message', (data) => socket.send(`worker ${worker}: ${data}`));
});

server.listen(port, host, () => console.log(`node worker ${worker} listening on ${host}:${port} (pid ${process.pid})`));

process.on('SIGTERM', () => {
  console.log(`node worker ${worker} stopping`);
  wss.clients.forEach((c) => c.close(1001, 'server stopping'));
  server.close(() => process.exit(0));
});
