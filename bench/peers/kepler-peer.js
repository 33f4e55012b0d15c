// kepler.gl 3 (its UMD bundle) with a point layer and a time-range filter on the events' start,
// no basemap (kepler's own "no map" style, so nothing is fetched), WebGL through SwiftShader.
// The filter keeps the events whose start lies in the window: kepler filters on one field, so an
// event of a week or a month that began before the window and runs into it is left out, where
// Atlas and the Leaflet page show it (a few per cent of the events; it only makes kepler's work
// lighter).
'use strict';

(async function () {
  const {DAY_MS, REGION, query} = window.peer;
  const width = Number(query.get('window') || 365);
  const MAP_ID = 'map';
  const size = {width: window.innerWidth, height: window.innerHeight};
  try {
    const reducers = Redux.combineReducers({keplerGl: KeplerGl.keplerGlReducer});
    const middlewares = KeplerGl.enhanceReduxMiddleware([]);
    const store = Redux.createStore(reducers, {}, Redux.applyMiddleware(...middlewares));
    // kepler.gl keeps deck.gl's onAfterRender for itself and hands out the deck.gl instance: its
    // draw step is wrapped to call back after each frame it draws, with the layers it drew
    let drawn = 0;
    const afterDraw = [];
    // reading one pixel back waits for the software renderer to finish the draw, so a frame's
    // time holds the drawing itself and not only the commands sent to Chromium's GPU process
    const pixel = new Uint8Array(4);
    const finishDraw = (deck) => {
      const canvas = deck.canvas || (deck.getCanvas && deck.getCanvas());
      const gl = canvas && (canvas.getContext('webgl2') || canvas.getContext('webgl'));
      if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    };
    const onDeckInitialized = (deck) => {
      const draw = deck._drawLayers.bind(deck);
      deck._drawLayers = (...args) => {
        const result = draw(...args);
        finishDraw(deck);
        drawn++;
        const layers = deck.layerManager ? deck.layerManager.getLayers() : [];
        for (const callback of afterDraw.splice(0)) callback(layers);
        return result;
      };
    };
    const app = React.createElement(
      ReactRedux.Provider,
      {store},
      React.createElement(KeplerGl.KeplerGl, {
        id: MAP_ID,
        width: size.width,
        height: size.height,
        mapboxApiAccessToken: '',
        onDeckInitialized,
      }),
    );
    ReactDOM.createRoot(document.getElementById('app')).render(app);

    const geojson = await window.peer.loadGeojson();
    const {events, first, last} = window.peer.datedPoints(geojson);
    const rows = events.map((e) => {
      const [lon, lat] = e.feature.geometry.coordinates;
      return [String(e.feature.properties.id ?? e.feature.id), lat, lon, e.start * DAY_MS, e.feature.properties.category];
    });
    const fields = [
      {name: 'id', type: 'string', format: '', analyzerType: 'STRING'},
      {name: 'lat', type: 'real', format: '', analyzerType: 'FLOAT'},
      {name: 'lon', type: 'real', format: '', analyzerType: 'FLOAT'},
      {name: 'start', type: 'timestamp', format: 'x', analyzerType: 'TIME'},
      {name: 'category', type: 'string', format: '', analyzerType: 'STRING'},
    ];
    const a0 = first;
    const config = {
      version: 'v1',
      config: {
        visState: {
          filters: [{dataId: ['events'], id: 'window', name: ['start'], type: 'timeRange',
            value: [a0 * DAY_MS, (a0 + width) * DAY_MS - 1], plotType: {type: 'histogram'}, animationWindow: 'free'}],
          layers: [{id: 'points', type: 'point', config: {dataId: 'events', label: 'events',
            columns: {lat: 'lat', lng: 'lon'}, isVisible: true, color: [213, 94, 0],
            visConfig: {radius: 4, opacity: 0.9, filled: true, outline: false}}}],
          interactionConfig: {tooltip: {enabled: false}},
        },
        mapState: {latitude: (REGION.minLat + REGION.maxLat) / 2, longitude: (REGION.minLon + REGION.maxLon) / 2,
          zoom: 5.8, bearing: 0, pitch: 0},
        mapStyle: {styleType: 'no_map'},
      },
    };
    store.dispatch(KeplerGl.addDataToMap({
      datasets: {info: {id: 'events', label: 'events'}, data: {fields, rows}},
      options: {centerMap: false, readOnly: true},
      config,
    }));
    const frame = () => new Promise((resolve) => afterDraw.push(resolve));
    // the first frame that draws the events' layer, then the frame after it
    for (;;) {
      const layers = await frame();
      if (layers.some((l) => l.id.startsWith('points') && l.getNumInstances() > 0)) break;
    }
    await window.peer.nextFrame();
    const firstFrame = window.peer.sinceStart();
    const show = (a, b) =>
      store.dispatch(KeplerGl.wrapTo(MAP_ID, KeplerGl.setFilter(0, 'value', [a * DAY_MS, (b + 1) * DAY_MS - 1])));
    // kepler filters on the GPU, so its state does not list what passes: count as its filter does
    const count = (a, b) => events.reduce((n, e) => n + (e.start >= a && e.start <= b ? 1 : 0), 0);
    // each step waits for deck.gl's draw of it (kepler defers it to a later frame); a step it
    // never draws is given up after a second and counted apart
    let undrawn = 0;
    const stepDrawn = () =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          undrawn++;
          resolve();
        }, 1000);
        frame().then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    const drawnBefore = drawn;
    const {times, script, shown} = await window.peer.scrub(show, count, first, last, stepDrawn);
    // deck.gl's draws during the scrub: one per step when every step was drawn
    const draws = drawn - drawnBefore;
    window.peer.finish({first_frame_s: firstFrame, frames_ms: times, script_ms: script, shown, events: events.length, draws, undrawn});
  } catch (e) {
    window.peer.fail(e);
  }
})();
