/* rasad's offline control map. Reads the JSON in #rasad-data (written by rasad.outputs.map_html)
 * and draws, with Leaflet and no tiles: the shipped boundaries as the base map, places coloured by
 * who holds them on the slider's date, the events of the chosen period, popups with each place's
 * history and evidence. window.rasadMap exposes a small API (used by the tests). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("rasad-data").textContent);
  var DAY = 86400000;
  function toDays(s) { return Math.round(Date.parse(s + "T00:00:00Z") / DAY); }
  function toIso(d) { return new Date(d * DAY).toISOString().slice(0, 10); }
  function esc(s) {
    return String(s === null || s === undefined ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  var UNKNOWN = "_unknown";
  function actor(code) {
    return D.actors[code] || { colour: D.unknown_colour, name_en: code || "no information", name_ar: "" };
  }
  function colourOf(code) { return code ? actor(code).colour : D.unknown_colour; }
  function actorLabel(code) {
    if (!code) { return "no information · <span dir=\"rtl\" lang=\"ar\">لا معلومات</span>"; }
    var a = actor(code);
    return esc(a.name_en) + (a.name_ar ? " · <span dir=\"rtl\" lang=\"ar\">" + esc(a.name_ar) + "</span>" : "");
  }

  var start = toDays(D.start), end = toDays(D.end);
  var current = Math.min(end, Math.max(start, toDays(D.initial || D.end)));
  var periodDays = D.period_days;
  var hidden = {};
  D.places.forEach(function (p) {
    p.segments.forEach(function (s) { s.f = toDays(s[0]); s.t = s[1] ? toDays(s[1]) : Infinity; });
  });
  D.events.forEach(function (e) { e.d = e.date ? toDays(e.date) : null; });
  var changeDays = D.change_days.map(toDays).sort(function (a, b) { return a - b; });
  // which places an event concerns: those whose intervals cite it, else those of its name
  var placesOfEvent = {};
  D.places.forEach(function (p) {
    p.intervals.forEach(function (iv) {
      iv.evidence.forEach(function (ev) { (placesOfEvent[ev.event_id] = placesOfEvent[ev.event_id] || []).push(p.key); });
    });
  });
  D.events.forEach(function (e) {
    if (!placesOfEvent[e.id]) {
      placesOfEvent[e.id] = D.places.filter(function (p) { return p.name === e.name; }).map(function (p) { return p.key; });
    }
  });
  var MAX_LABELS = 40;

  function segmentAt(p, day) {
    for (var i = 0; i < p.segments.length; i++) {
      var s = p.segments[i];
      if (s.f <= day && day < s.t) { return s; }
    }
    return null;
  }
  function controllerAt(p, day) { var s = segmentAt(p, day); return s ? s[2] : null; }

  // ---- map and base layers (no tiles: boundaries only) ----
  var map = L.map("map", { zoomSnap: 0.25, zoomControl: true, attributionControl: true });
  map.attributionControl.addAttribution(esc(D.attribution));
  // ---- view first: Leaflet's renderers need a centre and zoom before layers are added ----
  var located = D.places.filter(function (p) { return p.lat !== null && p.lon !== null; });
  var pts = located.map(function (p) { return [p.lat, p.lon]; });
  D.events.forEach(function (e) { if (e.lat !== null && e.lon !== null) { pts.push([e.lat, e.lon]); } });
  if (D.view) {
    map.fitBounds([[D.view[1], D.view[0]], [D.view[3], D.view[2]]]);
  } else if (pts.length) {
    map.fitBounds(L.latLngBounds(pts).pad(0.25), { maxZoom: 9 });
  } else {
    map.fitBounds([[D.extent[1], D.extent[0]], [D.extent[3], D.extent[2]]]);
  }
  map.createPane("base").style.zIndex = 300;
  map.createPane("events").style.zIndex = 450;  // marks beside the places
  map.createPane("stars").style.zIndex = 350;  // territory changes: a star behind the place's dot
  var styles = {
    context: { color: "#c9c6bd", weight: 0.8, fillColor: "#e9e7e1", fillOpacity: 1 },
    admin0: { color: "#55524a", weight: 1.6, fillColor: "#fbfaf6", fillOpacity: 1 },
    admin2: { color: "#cfcabd", weight: 0.7, fill: false },
    admin1: { color: "#8d877a", weight: 1.1, fill: false },
    user: { color: "#6d685d", weight: 1, fillColor: "#fbfaf6", fillOpacity: 1 }
  };
  function addBoundary(layer, st) {
    L.geoJSON({ type: "FeatureCollection", features: layer.features }, {
      pane: "base", interactive: false, style: function () { return st; }
    }).addTo(map);
  }
  D.boundaries.forEach(function (layer) { addBoundary(layer, styles[layer.role] || styles.user); });
  // country borders once more, over the governorate and district lines
  D.boundaries.forEach(function (layer) {
    if (layer.role === "admin0" || layer.role === "user") {
      var st = styles[layer.role];
      addBoundary(layer, { color: st.color, weight: st.weight, fill: false });
    }
  });

  // ---- places ----
  var markers = {};
  var placeByKey = {};
  located.forEach(function (p) {
    placeByKey[p.key] = p;
    var m = L.circleMarker([p.lat, p.lon], {
      radius: 7, weight: 1.3, color: "#222", fillColor: D.unknown_colour, fillOpacity: 0.95,
      className: "rasad-place"
    });
    m.bindPopup(function () { return popupHtml(p); }, { maxWidth: 440, minWidth: 280 });
    setLabel(m, p, false);
    m.addTo(map);
    var el = m.getElement();
    el.setAttribute("data-place-key", p.key);
    el.setAttribute("data-place-name", p.name);
    markers[p.key] = m;
  });
  D.places.forEach(function (p) { placeByKey[p.key] = p; });

  // place names: always shown for the places of the period's events, on hover for the others
  function setLabel(m, p, permanent) {
    if (m._rasadPermanent === permanent) { return; }
    m.unbindTooltip();
    m.bindTooltip(esc(p.name), {
      permanent: permanent, direction: "right", offset: [8, 0],
      className: "place-label" + (permanent ? " permanent" : "")
    });
    m._rasadPermanent = permanent;
  }

  function sentenceHtml(ev) {
    var s = ev.sentence || ev.text || "";
    if (ev.hl && ev.hl[1] > ev.hl[0]) {
      return esc(s.slice(0, ev.hl[0])) + "<mark>" + esc(s.slice(ev.hl[0], ev.hl[1])) + "</mark>" + esc(s.slice(ev.hl[1]));
    }
    return esc(s);
  }
  function sourceHtml(docId, url, extra) {
    var label = esc(docId);
    var link = url ? "<a href=\"" + esc(url) + "\" target=\"_blank\" rel=\"noopener\" dir=\"ltr\">" + label + "</a>" : label;
    return "<div class=\"src\">" + link + (extra ? " · " + extra : "") + "</div>";
  }

  function popupHtml(p) {
    var seg = segmentAt(p, current);
    var ctrl = seg ? seg[2] : null;
    var cur = seg ? seg[3] : -1;
    var h = ["<div class=\"rasad-popup\" data-place-key=\"" + esc(p.key) + "\" data-controller=\"" + esc(ctrl || "") + "\">"];
    h.push("<h3 dir=\"auto\">" + esc(p.name) + "</h3>");
    if (p.admin1) { h.push("<div class=\"small\" dir=\"auto\">" + esc(p.admin1) + "</div>"); }
    h.push("<div class=\"now\">On " + toIso(current) + ": <span class=\"swatch\" style=\"background:" + colourOf(ctrl) +
      "\"></span> <b class=\"now-controller\">" + actorLabel(ctrl) + "</b>" +
      (seg ? " <span class=\"small\">since " + esc(seg[0]) + "</span>" : "") + "</div>");
    h.push("<table class=\"history\"><tr><th>from</th><th>to</th><th>controller</th><th>conf.</th><th>basis</th></tr>");
    p.intervals.forEach(function (iv, i) {
      h.push("<tr" + (i === cur ? " class=\"current\"" : "") + " data-controller=\"" + esc(iv.controller) + "\"><td>" +
        esc(iv.from) + "</td><td>" + esc(iv.to || "…") + "</td><td><span class=\"swatch\" style=\"background:" +
        colourOf(iv.controller) + "\"></span> " + esc(iv.controller) + "</td><td>" + iv.confidence.toFixed(2) +
        "</td><td>" + esc(iv.kind) + (iv.date_flag ? " <span class=\"flag\">(" + esc(iv.date_flag) + " date)</span>" : "") +
        "</td></tr>");
    });
    h.push("</table>");
    var order = p.intervals.map(function (iv, i) { return i; }).reverse();
    order.forEach(function (i) {
      var iv = p.intervals[i];
      if (!iv.evidence.length && !iv.sources.length) { return; }
      h.push("<div class=\"small\"><b>" + esc(iv.controller) + "</b> from " + esc(iv.from) + ":</div>");
      iv.evidence.forEach(function (ev) {
        h.push("<blockquote dir=\"auto\">" + sentenceHtml(ev) + "</blockquote>");
        h.push(sourceHtml(ev.doc_id, ev.url, ev.date ? esc(ev.date) : ""));
      });
      iv.sources.forEach(function (s) { h.push(sourceHtml(s.doc_id, s.url, s.title ? "<span dir=\"auto\">" + esc(s.title) + "</span>" : "")); });
    });
    h.push("</div>");
    return h.join("");
  }

  // ---- events ----
  var eventLayer = L.layerGroup().addTo(map);
  function eventPopup(e) {
    return "<div class=\"rasad-popup\" data-event-id=\"" + esc(e.id) + "\"><b>" + esc(e.sub.replace(/_/g, " ")) + "</b> · " +
      esc(e.date || "date unknown") + (e.date_flag ? " <span class=\"flag\">(" + esc(e.date_flag) + " date)</span>" : "") +
      "<div>" + actorLabel(e.actor1) + (e.actor2 ? " → " + actorLabel(e.actor2) : "") + "</div>" +
      "<div dir=\"auto\"><b>" + esc(e.name) + "</b></div><blockquote dir=\"auto\">" + sentenceHtml(e) + "</blockquote>" +
      sourceHtml(e.doc_id, e.url, "") + "</div>";
  }
  function eventsInPeriod() {
    var from = periodDays > 0 ? current - periodDays + 1 : -Infinity;
    return D.events.filter(function (e) {
      return e.d !== null && e.d >= from && e.d <= current && !hidden[e.actor1 || UNKNOWN];
    });
  }
  function drawEvents() {
    eventLayer.clearLayers();
    var evs = eventsInPeriod();
    var list = document.getElementById("event-list");
    var items = [];
    evs.slice().sort(function (a, b) { return b.d - a.d; }).forEach(function (e, n) {
      if (e.lat !== null && e.lon !== null) {
        var icon = L.divIcon({
          className: "rasad-event group-" + e.group,
          html: "<span style=\"color:" + colourOf(e.actor1) + "\">" + esc(e.symbol) + "</span>",
          iconSize: [26, 26], iconAnchor: e.group === "territory" ? [13, 14] : [-2, 20]
        });
        var pane = e.group === "territory" ? "stars" : "events";
        var mk = L.marker([e.lat, e.lon], { icon: icon, pane: pane, keyboard: false, title: e.sub });
        mk.bindPopup(eventPopup(e), { maxWidth: 420 });
        mk.addTo(eventLayer);
        mk.getElement().setAttribute("data-event-id", e.id);
        e._marker = mk;
      }
      if (n < 200) {
        items.push("<li data-event-id=\"" + esc(e.id) + "\"><span class=\"ev-sym\" style=\"color:" + colourOf(e.actor1) + "\">" +
          esc(e.symbol) + "</span> " + esc(e.date) + " <span dir=\"auto\"><b>" + esc(e.name) + "</b></span> · " +
          esc(e.sub.replace(/_/g, " ")) + "<div dir=\"auto\" class=\"small\">" + esc(e.text) + "</div></li>");
      }
    });
    list.innerHTML = items.join("");
    document.getElementById("event-count").textContent = "(" + evs.length + ")";
    Array.prototype.forEach.call(list.children, function (li) {
      li.addEventListener("click", function () {
        var e = D.events.filter(function (x) { return x.id === li.getAttribute("data-event-id"); })[0];
        if (e && e._marker) { map.setView([e.lat, e.lon], Math.max(map.getZoom(), 10)); e._marker.openPopup(); }
      });
    });
  }

  // ---- legend and filter ----
  var codes = {};
  D.places.forEach(function (p) { p.segments.forEach(function (s) { if (s[2]) { codes[s[2]] = true; } }); });
  var codeList = Object.keys(codes).sort(function (a, b) {
    return Object.keys(D.actors).indexOf(a) - Object.keys(D.actors).indexOf(b);
  });
  codeList.push(UNKNOWN);
  var filter = document.getElementById("actor-filter");
  filter.innerHTML = codeList.map(function (c) {
    return "<label data-actor=\"" + esc(c) + "\"><input type=\"checkbox\" id=\"filter-" + esc(c) + "\" data-actor=\"" + esc(c) +
      "\" checked><span class=\"swatch\" style=\"background:" + colourOf(c === UNKNOWN ? null : c) + "\"></span>" +
      "<span class=\"actor-name\">" + actorLabel(c === UNKNOWN ? null : c) + "</span><span class=\"actor-count\" id=\"count-" +
      esc(c) + "\"></span></label>";
  }).join("");
  filter.addEventListener("change", function (ev) {
    var c = ev.target.getAttribute("data-actor");
    if (ev.target.checked) { delete hidden[c]; } else { hidden[c] = true; }
    update();
  });
  document.getElementById("event-key").innerHTML = Object.keys(D.event_groups).map(function (g) {
    var eg = D.event_groups[g];
    return "<span><b>" + esc(eg.symbol) + "</b> " + esc(eg.name_en) + " · <span dir=\"rtl\" lang=\"ar\">" + esc(eg.name_ar) + "</span></span>";
  }).join(" ");

  // ---- time ----
  var slider = document.getElementById("date-slider");
  slider.max = String(end - start);
  document.getElementById("date-start").textContent = D.start;
  document.getElementById("date-end").textContent = D.end;
  var periodSel = document.getElementById("period");
  periodSel.value = String(periodDays);
  if (periodSel.value !== String(periodDays)) {
    var o = document.createElement("option"); o.value = String(periodDays); o.textContent = "last " + periodDays + " days";
    periodSel.appendChild(o); periodSel.value = String(periodDays);
  }

  function update() {
    slider.value = String(current - start);
    document.getElementById("date-label").textContent = toIso(current);
    document.body.setAttribute("data-date", toIso(current));
    var counts = {};
    var labelled = {};
    var nLabels = 0;
    eventsInPeriod().forEach(function (e) {
      (placesOfEvent[e.id] || []).forEach(function (k) {
        if (!labelled[k] && nLabels < MAX_LABELS) { labelled[k] = true; nLabels++; }
      });
    });
    located.forEach(function (p) {
      var c = controllerAt(p, current);
      var key = c || UNKNOWN;
      var m = markers[p.key];
      var colour = colourOf(c);
      m.setStyle({ fillColor: colour, radius: c ? 7 : 4.5, color: c === "ISIS" ? "#fff" : (c ? "#222" : "#888") });
      var el = m.getElement();
      if (hidden[key]) {
        if (map.hasLayer(m)) { map.removeLayer(m); }
      } else if (!map.hasLayer(m)) {
        m.addTo(map);
        el = m.getElement();
      }
      if (el) {
        el.setAttribute("data-place-key", p.key);
        el.setAttribute("data-controller", c || "");
        el.setAttribute("data-colour", colour);
      }
      setLabel(m, p, !!labelled[p.key] && !hidden[key]);
      if (m.isPopupOpen()) { m.setPopupContent(popupHtml(p)); }
    });
    D.places.forEach(function (p) { var c = controllerAt(p, current) || UNKNOWN; counts[c] = (counts[c] || 0) + 1; });
    codeList.forEach(function (c) { document.getElementById("count-" + c).textContent = String(counts[c] || 0); });
    drawEvents();
  }
  function setDay(d) { current = Math.min(end, Math.max(start, d)); update(); }
  slider.addEventListener("input", function () { setDay(start + Number(slider.value)); });
  slider.addEventListener("change", function () { setDay(start + Number(slider.value)); });
  document.getElementById("prev-day").addEventListener("click", function () { setDay(current - 1); });
  document.getElementById("next-day").addEventListener("click", function () { setDay(current + 1); });
  document.getElementById("next-change").addEventListener("click", function () {
    var n = changeDays.filter(function (d) { return d > current; })[0];
    if (n !== undefined) { setDay(n); }
  });
  document.getElementById("prev-change").addEventListener("click", function () {
    var p = changeDays.filter(function (d) { return d < current; }).pop();
    if (p !== undefined) { setDay(p); }
  });
  periodSel.addEventListener("change", function () { periodDays = Number(periodSel.value); update(); });

  update();

  window.rasadMap = {
    map: map,
    setDate: function (iso) { setDay(toDays(iso)); },
    getDate: function () { return toIso(current); },
    controllerAt: function (key, iso) { var p = placeByKey[key]; return p ? controllerAt(p, iso ? toDays(iso) : current) : null; },
    markerColor: function (key) { var m = markers[key]; return m ? m.options.fillColor : null; },
    popupHtml: function (key) { return placeByKey[key] ? popupHtml(placeByKey[key]) : null; },
    openPopup: function (key) { var m = markers[key]; if (m) { m.openPopup(); } return !!m; },
    visibleEvents: function () { return eventsInPeriod().map(function (e) { return e.id; }); },
    places: function () { return D.places.map(function (p) { return p.key; }); }
  };
  document.body.setAttribute("data-ready", "1");
})();
