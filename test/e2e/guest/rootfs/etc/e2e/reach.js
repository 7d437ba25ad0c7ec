'use strict';
// What an HTTP GET from the guest gets from each HOST:PORT, as one JSON array: the body (tiny-server.js
// answers with its name and port), "blocked" (no answer within 2 s: dropped) or "refused".
// usage: node reach.js HOST:PORT...   (busybox-static's wget crashes on this image)
const http = require('node:http');

const get = (target) =>
  new Promise((resolve) => {
    const request = http.get(`http://${target}/`, { timeout: 2000 }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(body));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : 'blocked'));
  });

Promise.all(process.argv.slice(2).map(get)).then((results) => process.stdout.write(`${JSON.stringify(results)}\n`));
