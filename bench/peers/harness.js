// Shared by the peer pages: reads the run's parameters from the address, loads the benchmark's
// GeoJSON, times frames with requestAnimationFrame and leaves the result for the runner.
//
// Parameters: ?data=/data/FILE.geojson&frames=60&window=365&warmup=5
// Result: window.peerResult = {first_frame_s, frames_ms: [...], script_ms: [...], shown: [...], events,
//                              error, warnings}
'use strict';

(function () {
  const DAY_MS = 86400000;
  const query = new URLSearchParams(location.search);

  /** The region Atlas fits its map to: 38–52°E, 34.5–44°N. */
  const REGION = {minLon: 38.0, minLat: 34.5, maxLon: 52.0, maxLat: 44.0};

  /** Okabe–Ito colours by Atlas category, as Atlas draws them (src/palette.rs). */
  const CATEGORY_COLOURS = {
    diplomacy: '#0072b2',
    statement: '#56b4e9',
    agreement: '#009e73',
    military: '#d55e00',
    incident: '#e69f00',
    sanctions: '#cc79a7',
    protest: '#f0e442',
    other: '#5a5a5a',
  };

  /** Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), or null. */
  function dayOf(iso) {
    if (typeof iso !== 'string') return null;
    const ms = Date.parse(iso.length === 4 ? iso + '-01-01' : iso.length === 7 ? iso + '-01' : iso);
    return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : null;
  }

  /** The dated point features, each with its first and last day; and the data's first and last day. */
  function datedPoints(geojson) {
    const events = [];
    let first = Infinity;
    let last = -Infinity;
    for (const f of geojson.features) {
      const p = f.properties || {};
      const start = dayOf(p.start);
      const end = dayOf(p.end) ?? start;
      if (start === null || !f.geometry || f.geometry.type !== 'Point') continue;
      events.push({feature: f, start, end});
      first = Math.min(first, start);
      last = Math.max(last, end);
    }
    return {events, first, last};
  }

  /** Window starts scrubbed across the data, as the Rust benchmark scrubs Atlas's window. */
  function windowStarts(first, last, width, frames) {
    const span = Math.max(last - first - width, 1);
    const starts = [];
    for (let k = 0; k < frames; k++) starts.push(first + Math.floor((span * k) / Math.max(frames, 1)));
    return starts;
  }

  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

  /**
   * Moves the window once per animation frame and records the time from the frame that moved it
   * to the next one: the script, style, layout, paint and compositing of one scrub step (a redraw
   * the library defers to its own animation frame falls into the next interval, so each interval
   * holds one move and one redraw). `show(a, b)` shows the events of days a..=b; the time it takes
   * is recorded apart as the script part. Then, untimed, `count(a, b)` says how many events each
   * window showed. A page whose library draws on its own schedule passes `drawn()`, a promise that
   * settles once the step is drawn: the interval then runs until the frame after that draw, so no
   * step is counted before its pixels are.
   */
  async function scrub(show, count, first, last, drawn) {
    const frames = Number(query.get('frames') || 60);
    const width = Number(query.get('window') || 365);
    const warmup = Number(query.get('warmup') || 5);
    const starts = windowStarts(first, last, width, frames);
    const plan = starts.slice(0, warmup).concat(starts);
    const times = [];
    const script = [];
    let previous = await nextFrame();
    for (let k = 0; k < plan.length; k++) {
      const t = performance.now();
      show(plan[k], plan[k] + width - 1);
      const shown = performance.now() - t;
      if (drawn) await drawn();
      const now = await nextFrame();
      if (k >= warmup) {
        times.push(now - previous);
        script.push(shown);
      }
      previous = now;
    }
    const shown = starts.map((a) => count(a, a + width - 1));
    return {times, script, shown};
  }

  function finish(result) {
    window.peerResult = Object.assign({error: null, warnings}, result);
  }

  function fail(error) {
    window.peerResult = {error: String((error && error.stack) || error), warnings};
  }

  // a library's own failures (kepler.gl fetching its icons from the internet, which this run
  // cannot reach) are kept as warnings: the page fails only when its own steps throw
  const warnings = [];
  window.addEventListener('error', (e) => warnings.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => warnings.push(String(e.reason)));

  window.peer = {
    DAY_MS,
    REGION,
    CATEGORY_COLOURS,
    query,
    dayOf,
    datedPoints,
    nextFrame,
    scrub,
    finish,
    fail,
    /** Seconds since navigation started. */
    sinceStart: () => performance.now() / 1000,
    /** The GeoJSON named by ?data=. */
    loadGeojson: async () => {
      const response = await fetch(query.get('data'));
      if (!response.ok) throw new Error(`cannot fetch ${query.get('data')}: ${response.status}`);
      return response.json();
    },
  };
})();
