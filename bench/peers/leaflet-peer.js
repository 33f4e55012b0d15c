// Leaflet 1.9 with Leaflet.timeline: every event a circle marker on one canvas renderer, shown while
// its interval meets the time window. Leaflet.timeline shows the features whose interval holds one
// instant, so each interval is stretched by the window's width less a day and the instant is the
// window's last day: an event [s, e] then shows exactly when it meets the window [a, a + w - 1].
'use strict';

(async function () {
  const {DAY_MS, REGION, CATEGORY_COLOURS, query} = window.peer;
  const width = Number(query.get('window') || 365);
  try {
    const map = L.map('map', {preferCanvas: true, zoomControl: false, fadeAnimation: false, zoomSnap: 0});
    map.fitBounds([[REGION.minLat, REGION.minLon], [REGION.maxLat, REGION.maxLon]]);
    const renderer = L.canvas({padding: 0});
    const geojson = await window.peer.loadGeojson();
    const {events, first, last} = window.peer.datedPoints(geojson);
    const timeline = L.timeline(
      {type: 'FeatureCollection', features: events.map((e) => e.feature)},
      {
        getInterval: (f) => ({
          start: window.peer.dayOf(f.properties.start) * DAY_MS,
          end: ((window.peer.dayOf(f.properties.end) ?? window.peer.dayOf(f.properties.start)) + width - 1) * DAY_MS,
        }),
        pointToLayer: (f, latlng) =>
          L.circleMarker(latlng, {
            renderer,
            radius: 4,
            weight: 1,
            color: '#ffffff',
            fillColor: CATEGORY_COLOURS[f.properties.category] || CATEGORY_COLOURS.other,
            fillOpacity: 0.9,
          }),
      },
    );
    // the first window, as the layer starts at its first instant
    timeline.addTo(map);
    timeline.setTime((first + width - 1) * DAY_MS);
    // Leaflet's canvas draws in the next animation frame; the one after it follows the drawn frame
    await window.peer.nextFrame();
    await window.peer.nextFrame();
    const firstFrame = window.peer.sinceStart();
    const show = (a, b) => timeline.setTime(b * DAY_MS);
    const count = (a, b) => {
      show(a, b);
      return timeline.getLayers().length;
    };
    const {times, script, shown} = await window.peer.scrub(show, count, first, last);
    window.peer.finish({first_frame_s: firstFrame, frames_ms: times, script_ms: script, shown, events: events.length});
  } catch (e) {
    window.peer.fail(e);
  }
})();
