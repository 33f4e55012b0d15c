// Runs the peer pages on one of the benchmark's GeoJSON files in headless Chromium and prints one
// JSON object per peer on stdout:
//   {"scenario": "leaflet", "n": 1000, "first_frame_s": 0.41, "frame_ms_median": 9.2,
//    "frame_ms_p95": 12.0, "script_ms_median": 1.1, "shown_median": 61, "events": 1000, "error": null}
// (kepler's line adds "draws": deck.gl's draws during the scrub, and "undrawn": the steps it never
// drew within a second)
// and a last line {"versions": {...}}.
//
// node run.mjs --data FILE.geojson --n N [--peers leaflet,kepler] [--frames 60] [--window 365]
//              [--warmup 5] [--timeout 600] [--shots DIR]
//
// The pages are served from this folder by a small static server on 127.0.0.1; the browser is
// Debian's chromium driven over the DevTools protocol by puppeteer-core (which downloads no
// browser). Chromium resolves no host but 127.0.0.1, so the run uses no network: there are no map
// tiles, the peers draw their points on a blank map as Atlas draws its own basemap.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import puppeteer from 'puppeteer-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.PEERS_CHROMIUM || '/usr/bin/chromium';
const VIEWPORT = {width: 1600, height: 1000};
const PAGES = {leaflet: 'leaflet.html', kepler: 'kepler.html'};
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

function parseArgs(argv) {
  const o = {peers: ['leaflet', 'kepler'], frames: 60, window: 365, warmup: 5, timeout: 600};
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--data': o.data = value; i++; break;
      case '--n': o.n = Number(value); i++; break;
      case '--peers': o.peers = value.split(',').filter(Boolean); i++; break;
      case '--frames': o.frames = Number(value); i++; break;
      case '--window': o.window = Number(value); i++; break;
      case '--warmup': o.warmup = Number(value); i++; break;
      case '--timeout': o.timeout = Number(value); i++; break;
      case '--shots': o.shots = value; i++; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!o.data) throw new Error('--data FILE.geojson is required');
  for (const p of o.peers) if (!PAGES[p]) throw new Error(`unknown peer ${p}`);
  return o;
}

/** Serves this folder, and the data file at /data/<its name>, on 127.0.0.1; resolves to the server. */
function serve(dataFile) {
  const dataPath = `/data/${path.basename(dataFile)}`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const name = decodeURIComponent(url.pathname);
    const file = name === dataPath ? path.resolve(dataFile) : path.join(HERE, path.normalize(name));
    if (name !== dataPath && !file.startsWith(HERE + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-store',
      });
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({server, dataPath})));
}

/** Chromium's flags: headless, software WebGL, no frame-rate cap, no network but 127.0.0.1. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--no-first-run',
  '--no-default-browser-check',
  '--metrics-recording-only',
  // rAF runs as fast as frames are made, so frame times are not rounded up to 16.7 ms
  '--disable-frame-rate-limit',
  '--disable-gpu-vsync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
];

/**
 * Each peer runs with the flags that gave it its fastest scrub frames here. Leaflet's 2D canvas:
 * with --disable-gpu (no GPU process; at 10,000 events its first frame came in 0.9 s against 3.7 s
 * without, its frames alike). kepler.gl's WebGL: without it, SwiftShader in the GPU process (at
 * 10,000 events frames of 36 to 112 ms against 257 to 280 ms with --disable-gpu; its first frame,
 * though, took 21 to 34 s against 7 to 11 s).
 */
const PEER_FLAGS = {leaflet: ['--disable-gpu'], kepler: []};

function median(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
}

function p95(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  return v.length ? v[Math.min(Math.max(Math.ceil(v.length * 0.95), 1), v.length) - 1] : null;
}

/** One peer on one file, in a fresh browser; resolves to its result line. */
async function measure(peer, o, base, dataPath) {
  const line = {scenario: peer, n: o.n, first_frame_s: null, frame_ms_median: null, frame_ms_p95: null,
    script_ms_median: null, shown_median: null, events: null, error: null};
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS.concat(PEER_FLAGS[peer]),
    defaultViewport: VIEWPORT,
    protocolTimeout: o.timeout * 1000,
  });
  const foreign = [];
  try {
    const page = await browser.newPage();
    page.on('requestfailed', (r) => {
      if (!r.url().startsWith(base)) foreign.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') process.stderr.write(`[${peer}] console: ${m.text()}\n`);
    });
    const query = new URLSearchParams({data: dataPath, frames: o.frames, window: o.window, warmup: o.warmup});
    await page.goto(`${base}/${PAGES[peer]}?${query}`, {waitUntil: 'load', timeout: o.timeout * 1000});
    await page.waitForFunction(() => window.peerResult, {timeout: o.timeout * 1000, polling: 250});
    const result = await page.evaluate(() => window.peerResult);
    if (o.shots) {
      fs.mkdirSync(o.shots, {recursive: true});
      await page.screenshot({path: path.join(o.shots, `${peer}-${o.n}.png`)});
    }
    if (result.error) {
      line.error = result.error.split('\n')[0];
      process.stderr.write(`[${peer}] ${result.error}\n`);
    } else {
      line.first_frame_s = result.first_frame_s;
      line.frame_ms_median = median(result.frames_ms);
      line.frame_ms_p95 = p95(result.frames_ms);
      line.script_ms_median = median(result.script_ms);
      line.shown_median = median(result.shown.map((s) => (s === null ? NaN : s)));
      line.events = result.events;
      if (result.draws !== undefined) line.draws = result.draws;
      if (result.undrawn !== undefined) line.undrawn = result.undrawn;
    }
  } catch (e) {
    line.error = String(e.message || e).split('\n')[0];
    process.stderr.write(`[${peer}] ${e.stack || e}\n`);
  } finally {
    await browser.close().catch(() => {});
  }
  if (foreign.length) process.stderr.write(`[${peer}] blocked ${foreign.length} request(s) off this machine, e.g. ${foreign[0]}\n`);
  return line;
}

function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

async function chromiumVersion() {
  const browser = await puppeteer.launch({executablePath: CHROMIUM, headless: true, args: FLAGS});
  try {
    return await browser.version();
  } finally {
    await browser.close().catch(() => {});
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const {server, dataPath} = await serve(o.data);
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    for (const peer of o.peers) {
      process.stdout.write(JSON.stringify(await measure(peer, o, base, dataPath)) + '\n');
    }
    const versions = {
      chromium: await chromiumVersion().catch(() => null),
      leaflet: packageVersion('leaflet'),
      'leaflet.timeline': packageVersion('leaflet.timeline'),
      'kepler.gl': packageVersion('kepler.gl'),
      'puppeteer-core': packageVersion('puppeteer-core'),
      node: process.versions.node,
    };
    process.stdout.write(JSON.stringify({versions}) + '\n');
  } finally {
    server.close();
  }
}

main().catch((e) => {
  process.stderr.write(`peers: ${e.stack || e}\n`);
  process.exit(2);
});
