#!/usr/bin/env node
// Minimal Node `ws` broadcast server: the benchmark BASELINE for Bulwark's gateway.
//   node baseline_ws_server.js --port P      (0 = free port; prints "READY <port>" on stdout)
// One http server + ws WebSocketServer on the same port, 127.0.0.1 only.
//   WebSocket /ws/<id>: info on connect; subscribe/unsubscribe -> subscribed/unsubscribed; ping -> pong.
//   POST /publish {type, channel, data[, timestamp]} -> 202, frame sent to every open subscriber of the channel.
// Deliberately nothing else: no validation beyond JSON parsing, no history, no backpressure beyond ws defaults.
'use strict';
const http = require('http');
const { WebSocketServer, WebSocket } = require('ws');

const argv = process.argv.slice(2);
const portArg = argv.indexOf('--port');
const port = portArg >= 0 ? Number(argv[portArg + 1]) : 8000;

// Same shape as the MAXIMUS gateway: 5 keys in order, UTC timestamp without zone, microsecond precision.
const now = () => new Date().toISOString().slice(0, -1) + '000';
const frame = (type, channel, data, timestamp, clientId) =>
  JSON.stringify({ type, channel, data, timestamp: timestamp || now(), client_id: clientId });

const subscribers = new Map(); // channel -> Set<WebSocket>

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') {
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"detail":"Not Found"}');
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let msg;
    try {
      msg = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      msg = null;
    }
    if (!msg || typeof msg.type !== 'string' || typeof msg.channel !== 'string') {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end('{"error":"invalid frame"}');
      return;
    }
    const text = frame(msg.type, msg.channel, msg.data === undefined ? null : msg.data, msg.timestamp, null);
    let sent = 0;
    for (const ws of subscribers.get(msg.channel) || []) {
      if (ws.readyState === WebSocket.OPEN) {
        ws.send(text);
        sent++;
      }
    }
    res.writeHead(202, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ recipients: sent }));
  });
});
// The publisher reuses one keep-alive connection: do not drop it after Node's default 5 s of idleness.
server.keepAliveTimeout = 120000;
server.headersTimeout = 125000;

const wss = new WebSocketServer({
  server,
  verifyClient: (info, cb) => cb(/^\/ws\/[^/?]+(\?.*)?$/.test(info.req.url), 404, 'Not Found'),
});

wss.on('connection', (ws, req) => {
  const clientId = decodeURIComponent(req.url.split('?')[0].slice('/ws/'.length));
  const mine = new Set();
  ws.send(frame('info', null, { message: 'Connected to MAXIMUS WebSocket Gateway' }, null, clientId));
  ws.on('message', (raw, isBinary) => {
    let msg;
    try {
      msg = JSON.parse(raw.toString('utf8'));
    } catch (e) {
      ws.close(1003, 'invalid JSON');
      return;
    }
    if (isBinary || !msg || typeof msg !== 'object') return ws.close(1003, 'invalid frame');
    const ch = msg.channel;
    if (msg.type === 'ping') {
      ws.send(frame('pong', null, null, null, clientId));
    } else if ((msg.type === 'subscribe' || msg.type === 'unsubscribe') && typeof ch === 'string') {
      if (msg.type === 'subscribe') {
        if (!subscribers.has(ch)) subscribers.set(ch, new Set());
        subscribers.get(ch).add(ws);
        mine.add(ch);
      } else {
        if (subscribers.has(ch)) subscribers.get(ch).delete(ws);
        mine.delete(ch);
      }
      ws.send(frame(msg.type + 'd', ch, { channel: ch }, null, clientId));
    } else {
      ws.send(frame('error', null, { error: `Unknown message type: ${msg.type}` }, null, clientId));
    }
  });
  ws.on('close', () => {
    for (const ch of mine) if (subscribers.has(ch)) subscribers.get(ch).delete(ws);
  });
  ws.on('error', () => {});
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`READY ${server.address().port}\n`);
});
const shutdown = () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
