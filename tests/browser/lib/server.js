'use strict';
// A tiny static file server for the browser tests: serves the files under one
// folder (an archive), on 127.0.0.1 only, on a free port. It refuses `..`,
// anything outside the folder and anything but GET and HEAD, and answers 404
// for a folder (the archive links name files, so a link to a folder is a bug
// that would break under file:// too).

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

/** The file under `root` that `urlPath` names, or an HTTP status to refuse it with. */
function resolveRequest(root, urlPath) {
  const pathname = urlPath.split(/[?#]/, 1)[0];
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 400;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return 400;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 403;
  const file = path.join(root, ...segments);
  if (file !== root && !file.startsWith(root + path.sep)) return 403;
  return file;
}

/**
 * Starts a server for the files under `root`. Resolves to
 * `{ port, origin, requests, close() }`; `requests` lists every request as
 * `{ method, url, status }`.
 */
function startServer(root) {
  const base = fs.realpathSync(path.resolve(root));
  const requests = [];
  const server = http.createServer((req, res) => {
    const done = (status, body = '') => {
      requests.push({ method: req.method, url: req.url, status });
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return done(405, 'method not allowed\n');
    const file = resolveRequest(base, req.url);
    if (typeof file === 'number') return done(file, 'refused\n');
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) return done(404, 'not found\n');
      // A symbolic link out of the archive is refused too.
      fs.realpath(file, (err2, real) => {
        if (err2 || !real.startsWith(base + path.sep)) return done(403, 'refused\n');
        requests.push({ method: req.method, url: req.url, status: 200 });
        res.writeHead(200, {
          'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
          'content-length': stat.size,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        });
        if (req.method === 'HEAD') return res.end();
        fs.createReadStream(real).pipe(res);
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { address, port } = server.address();
      if (address !== '127.0.0.1') {
        server.close();
        reject(new Error(`server bound to ${address}, not 127.0.0.1`));
        return;
      }
      resolve({
        port,
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

module.exports = { startServer, resolveRequest };
