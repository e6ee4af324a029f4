// The map: country boundaries served by sitrep as the base (no tiles needed), events on top.
//
// A precise event (precision 1) is a dot sized by its fatalities. An imprecise one is drawn as the
// area it may lie in — a translucent disc around the point the gazetteer gave — so nobody reads a
// sharp pin into "near Gao" or "northeastern Nigeria".

import { countryName, el, fill, formatEventDate, formatNumber } from './dom.js';
import { placeLabel } from './labels.js';
import { OTHER_COLOUR, TYPE_COLOURS, typeColour } from './palette.js';

const { L, topojson } = window;

const BOUNDARIES = 'static/vendor/world-atlas/countries-50m.json';
const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

// Area radii in metres. Precision 2 is "near a place / part of it" (ACLED: within a few tens of
// km); precision 3 is a province (admin1 known) or only a country.
const NEAR_RADIUS_M = 20000;
const PROVINCE_RADIUS_M = 75000;
const COUNTRY_RADIUS_M = 150000;
// At world zoom those areas are a pixel wide; keep them visible as soft discs of at least this.
const NEAR_MIN_PX = 10;
const REGION_MIN_PX = 16;
const MAX_MARKER_PX = 24;
const LEGEND_PX = 220;
const TOOLTIP_GAP_PX = 12; // the arrow and the offset between the pointer and a tooltip above it
const TOOLTIP_MARGIN_PX = 4;

/** A circle of a true radius that never shrinks below `minPixels` on screen. */
const AreaCircle = L.Circle.extend({
  _project() {
    L.Circle.prototype._project.call(this);
    if (this._radius < this.options.minPixels) {
      this._radius = this._radiusY = this.options.minPixels;
      this._updateBounds();
    }
  },
});

/** A tooltip that stays inside the map: above the pointer where there is room, else below it, and
 *  moved sideways off the map's edges (Leaflet's own placement lets it run past them, where the map
 *  cuts it off). */
const InsideTooltip = L.Tooltip.extend({
  _setPosition(layerPoint) {
    const map = this._map;
    const box = this._container;
    const point = map.layerPointToContainerPoint(layerPoint);
    this.options.direction = point.y - box.offsetHeight - TOOLTIP_GAP_PX >= 0 ? 'top' : 'bottom';
    L.Tooltip.prototype._setPosition.call(this, layerPoint);
    const placed = L.DomUtil.getPosition(box);
    const corner = map.layerPointToContainerPoint(placed);
    const size = map.getSize();
    const shift = L.point(within(corner.x, box.offsetWidth, size.x), within(corner.y, box.offsetHeight, size.y));
    if (shift.x || shift.y) L.DomUtil.setPosition(box, placed.add(shift));
    box.classList.toggle('tip-shifted', shift.x !== 0); // its arrow would point beside the event
  },
});

/** How far to move a box starting at `start`, `length` long, to lie within 0..`room` (margins kept). */
function within(start, length, room) {
  const least = TOOLTIP_MARGIN_PX;
  const most = room - length - TOOLTIP_MARGIN_PX;
  if (most < least) return least - start; // wider than the map: its start stays in view
  return start < least ? least - start : start > most ? most - start : 0;
}

/** Dot radius in pixels: the area grows with the toll, so a sqrt; unknown tolls get the smallest dot. */
export function markerRadius(fatalities) {
  return Math.min(MAX_MARKER_PX, 4 + 3 * Math.sqrt(fatalities ?? 0));
}

export class EventMap {
  constructor(container, onSelect) {
    this.onSelect = onSelect;
    this.layers = new Map(); // event id -> its layer
    this.selected = null;
    this.map = L.map(container, { center: [20, 15], zoom: 2, minZoom: 1, zoomSnap: 0.5, worldCopyJump: true });
    // Leaflet's default prefix carries a national flag; a conflict map keeps to the plain name.
    this.map.attributionControl.setPrefix('Leaflet').addAttribution('Boundaries: Natural Earth');
    this.events = L.featureGroup().addTo(this.map);
    this.legend = legendControl().addTo(this.map);
    this.baseReady = this.addBase(container);
  }

  /** The offline boundaries, always; OpenStreetMap tiles only when the reader picks them. */
  async addBase(container) {
    const response = await fetch(BOUNDARIES);
    if (!response.ok) throw new Error(`base map: HTTP ${response.status}`);
    const topology = await response.json();
    const countries = L.geoJSON(topojson.feature(topology, topology.objects.countries), {
      interactive: false,
      style: { color: '#9aa5b1', weight: 0.6, fillColor: '#eef0ea', fillOpacity: 1 },
    }).addTo(this.map);
    countries.bringToBack();
    const offline = L.layerGroup().addTo(this.map);
    const osm = L.tileLayer(OSM_TILES, { maxZoom: 18, attribution: '© OpenStreetMap contributors' });
    L.control.layers(
      { 'Boundaries only (offline)': offline, 'OpenStreetMap (online)': osm },
      { 'Country boundaries': countries },
      { position: 'topright' },
    ).addTo(this.map);
    // Over the tiles the boundaries keep their lines but drop their fill, which would hide them.
    this.map.on('baselayerchange', (e) => countries.setStyle({ fillOpacity: e.layer === osm ? 0 : 1 }));
    container.dataset.base = 'ready'; // for tests and screenshots: the boundaries are drawn
  }

  /** Draw the events of a GeoJSON FeatureCollection; those without a point are left out. */
  show(collection) {
    this.events.clearLayers();
    this.layers.clear();
    const located = collection.features.filter((f) => f.geometry && f.geometry.coordinates);
    // Wide areas first, then the biggest dots, so small dots stay on top and clickable.
    located.sort((a, b) => drawOrder(b.properties) - drawOrder(a.properties));
    for (const feature of located) this.addEvent(feature);
    const left = Math.max(0, (collection.total ?? 0) - collection.features.length);
    this.legend.update(located.map((f) => f.properties.event_type), left);
    this.fit();
    if (this.selected) this.highlight(this.selected);
  }

  addEvent(feature) {
    const props = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const layer = eventLayer(props, [lat, lon]);
    layer.baseStyle = { weight: layer.options.weight, color: layer.options.color };
    // A stable hook for tests and styles: the SVG path exists once the layer is on the map.
    layer.on('add', () => layer.getElement()?.setAttribute('data-event-id', props.id));
    const tip = new InsideTooltip({ direction: 'top', sticky: true, opacity: 0.95 }, layer);
    layer.bindTooltip(tip.setContent(() => tooltip(props)));
    layer.on('click', () => this.onSelect(props.id));
    this.events.addLayer(layer);
    this.layers.set(props.id, layer);
  }

  fit() {
    if (this.layers.size === 0) return;
    // Keep the events clear of the legend in the bottom right corner.
    this.map.fitBounds(this.events.getBounds(), {
      maxZoom: 6, animate: false, paddingTopLeft: [40, 40], paddingBottomRight: [LEGEND_PX, 40] });
  }

  /** Outline the selected event (and give the previous one its own style back). */
  highlight(id) {
    const previous = this.layers.get(this.selected);
    previous?.setStyle(previous.baseStyle);
    this.selected = id;
    const layer = this.layers.get(id);
    if (!layer) return;
    layer.setStyle({ weight: 3, color: '#111827' });
    layer.bringToFront();
  }
}

function drawOrder(props) {
  const precision = props.precision ?? 1;
  return precision > 1 ? 1000 * precision : props.fatalities ?? 0;
}

function eventLayer(props, latlng) {
  const precision = props.precision ?? 1;
  const colour = typeColour(props.event_type);
  const className = `event-marker precision-${precision}`;
  if (precision === 1) {
    return L.circleMarker(latlng, {
      className, radius: markerRadius(props.fatalities), color: '#ffffff', weight: 1, fillColor: colour, fillOpacity: 0.88,
    });
  }
  const near = precision === 2;
  return new AreaCircle(latlng, {
    className,
    radius: near ? NEAR_RADIUS_M : props.admin1 ? PROVINCE_RADIUS_M : COUNTRY_RADIUS_M,
    minPixels: near ? NEAR_MIN_PX : REGION_MIN_PX,
    color: colour, weight: 1.5, opacity: 0.9, dashArray: '4 3', fillColor: colour, fillOpacity: near ? 0.22 : 0.14,
  });
}

function tooltip(props) {
  const place = placeLabel(props.location ?? props.name, props.relation, props.precision);
  const where = [place, props.admin1, countryName(props.country)].filter(Boolean);
  return el('div', { className: 'tip' },
    el('strong', {}, props.sub_event_type ?? props.event_type ?? 'Event'),
    el('div', {}, formatEventDate(props.date, props.date_precision), ' · ', [...new Set(where)].join(', ')),
    el('div', {}, `Killed ${formatNumber(props.fatalities)} · wounded ${formatNumber(props.wounded)}`),
    props.precision > 1 ? el('div', { className: 'muted' }, 'Location approximate: the disc is the area') : null);
}

// --- legend --------------------------------------------------------------------------------------

function legendControl() {
  const control = L.control({ position: 'bottomright' });
  control.onAdd = () => {
    control.box = el('div', { className: 'legend' });
    L.DomEvent.disableClickPropagation(control.box);
    return control.box;
  };
  /** Colours of the types on the map now (all ACLED types when there are none), then the shapes;
   *  `left` events the API did not send (it caps the map at its newest events). */
  control.update = (types, left) => {
    const present = new Set(types);
    const shown = [...TYPE_COLOURS.keys()].filter((t) => present.size === 0 || present.has(t));
    const rows = shown.map((t) => legendRow(swatch(TYPE_COLOURS.get(t)), t));
    if ([...present].some((t) => !TYPE_COLOURS.has(t))) rows.push(legendRow(swatch(OTHER_COLOUR), 'Other or unknown'));
    fill(control.box,
      el('div', { className: 'legend-title' }, 'Event type'), ...rows,
      el('div', { className: 'legend-title' }, 'Location'),
      legendRow(el('span', { className: 'shape dot' }), 'exact place (size: killed)'),
      legendRow(el('span', { className: 'shape near' }), 'near a place'),
      legendRow(el('span', { className: 'shape region' }), 'region or country'),
      left ? el('div', { className: 'legend-note' }, `${formatNumber(left)} older events not drawn`) : null);
  };
  return control;
}

function swatch(colour) {
  const node = el('span', { className: 'swatch' });
  node.style.background = colour; // CSSOM, not a style attribute: allowed by the page's policy
  return node;
}

function legendRow(symbol, label) {
  return el('div', { className: 'legend-row' }, symbol, el('span', {}, label));
}
