/* The platform's maps (Leaflet): one script for every map of every app, configured by the page.
 *
 * Every page works without JavaScript (it says where in words, its lists have every marker); a map is an
 * extra. The map element carries the tiles (data-tiles-url, data-tiles-attribution) and, for a map of
 * many markers, the arrondissements' outlines (data-outlines-url) and its texts, translated
 * (data-text-loading, -loaded, -failed, -cluster, with "%(count)s" where the count goes).
 *
 * - A map of one point needs no script of its own: `data-map="point"` with data-lat, data-lon, data-name,
 *   and optionally data-zoom (16), data-marker-class, data-marker-size (18) and data-outline (the id of a
 *   json_script element holding the place's outline, which the map then frames).
 * - A map of many markers is drawn by the page's own small script, which says where the markers come
 *   from and what they show: `CityMap.clustered(element, {load, marker, status, chosenDistrict, frame})`.
 *   Under the markers, the arrondissements' outlines and numbers (the chosen one highlighted): the map
 *   still reads as the city when the tiles cannot be loaded. The map is framed once, after both the
 *   outlines and the markers have arrived (two framings in a row would race: Leaflet drops a zoom asked
 *   for while another is animating).
 *
 * Pages load leaflet.js (and leaflet.markercluster.js for many markers), this file, then their script,
 * all deferred, with the page's CSP nonce: no inline script.
 */
(function () {
  "use strict";

  if (!window.L) {
    return;
  }
  var PARIS = [48.8566, 2.3522];

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/geo+json, application/json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    });
  }

  function format(template, count) {
    return (template || "").replace("%(count)s", count.toLocaleString(document.documentElement.lang || undefined));
  }

  function hiddenText(text) {
    var span = document.createElement("span");
    span.className = "visually-hidden";
    span.textContent = text || "";
    return span.outerHTML;
  }

  // A map with the city's tiles, centred on `center` (Paris) at `zoom` (12); the wheel does not zoom it.
  function base(element, center, zoom) {
    var map = L.map(element, { scrollWheelZoom: false }).setView(center || PARIS, zoom || 12);
    L.tileLayer(element.dataset.tilesUrl, { attribution: element.dataset.tilesAttribution, maxZoom: 19 }).addTo(map);
    return map;
  }

  // The map is drawn: its CSS may show it only now, so Leaflet measures it again.
  function loaded(element, map) {
    element.classList.add("is-loaded");
    map.invalidateSize();
  }

  // A marker whose name is in its title and, for screen readers, inside it.
  function marker(position, options) {
    var size = options.size || 18;
    var icon = L.divIcon({ className: options.className || "map-marker", html: hiddenText(options.title), iconSize: [size, size] });
    return L.marker(position, { icon: icon, title: options.title || "", keyboard: Boolean(options.keyboard) });
  }

  // The marker of a GeoJSON point feature, reachable by keyboard; `popup(properties)` returns its content.
  function featureMarker(feature, options) {
    var position = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
    var drawn = marker(position, { className: options.className, size: options.size, title: options.title, keyboard: true });
    return drawn.bindPopup(function () {
      return options.popup(feature.properties);
    });
  }

  // A popup's title: a link to the thing's page.
  function popupLink(url, text) {
    var link = document.createElement("a");
    link.href = url;
    link.className = "popup-title";
    link.textContent = text;
    return link;
  }

  // --- A map of one point -----------------------------------------------------------------------------

  function point(element) {
    var data = element.dataset;
    var position = [parseFloat(data.lat), parseFloat(data.lon)];
    var map = base(element, position, parseInt(data.zoom || "16", 10));
    loaded(element, map);
    marker(position, { className: data.markerClass, size: parseInt(data.markerSize || "18", 10), title: data.name }).addTo(map);
    var outline = data.outline ? document.getElementById(data.outline) : null;
    if (outline) {
      var shape = L.geoJSON(JSON.parse(outline.textContent), { className: "place-outline", interactive: false });
      shape.addTo(map);
      map.fitBounds(shape.getBounds(), { maxZoom: 17, padding: [10, 10] });
    }
    return map;
  }

  // --- A map of many markers --------------------------------------------------------------------------

  // The arrondissements' outlines under the markers, their numbers hidden from screen readers (the lists
  // name each thing's arrondissement). Settles with the chosen arrondissement's outline (or null), also
  // when the outlines cannot be loaded: the map then shows the markers without them.
  function drawOutlines(map, url, chosenDistrict) {
    map.createPane("district-outlines");
    map.createPane("district-labels").setAttribute("aria-hidden", "true");
    if (!url) {
      return Promise.resolve(null);
    }
    return getJSON(url)
      .then(function (collection) {
        var chosenOutline = null;
        L.geoJSON(collection, {
          pane: "district-outlines",
          interactive: false,
          style: function (feature) {
            return { className: "district-outline" + (feature.properties.code === chosenDistrict ? " is-chosen" : "") };
          },
          onEachFeature: function (feature, layer) {
            var isChosen = feature.properties.code === chosenDistrict;
            layer.bindTooltip(String(feature.properties.number), {
              permanent: true,
              direction: "center",
              pane: "district-labels",
              className: "district-label" + (isChosen ? " is-chosen" : ""),
              opacity: 1,
            });
            if (isChosen) {
              chosenOutline = layer;
            }
          },
        }).addTo(map);
        if (chosenOutline) {
          chosenOutline.bringToFront(); // its thicker line over its neighbours' thin ones
        }
        return chosenOutline;
      })
      .catch(function () {
        return null;
      });
  }

  function clusterGroup(clusterText, chunkedLoading) {
    return L.markerClusterGroup({
      showCoverageOnHover: false,
      chunkedLoading: Boolean(chunkedLoading),
      iconCreateFunction: function (cluster) {
        var count = cluster.getChildCount();
        var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
        var label = document.createElement("span");
        label.textContent = count;
        var inner = document.createElement("div");
        inner.appendChild(label);
        inner.insertAdjacentHTML("beforeend", hiddenText(" " + format(clusterText, count)));
        return L.divIcon({ html: inner.outerHTML, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
      },
    });
  }

  /* Options:
   * - load(): a promise of the GeoJSON features to show;
   * - marker(feature): the marker of one (`CityMap.featureMarker`);
   * - status: the live region that says how many are shown;
   * - chosenDistrict: the code of the arrondissement the filters chose, highlighted and framed;
   * - frame(map, markers): frames the map itself and returns true, else the map frames the chosen
   *   arrondissement, or else the markers;
   * - chunkedLoading: add the markers in chunks (for tens of thousands).
   * Returns {map, say}: `say(text)` writes to the status. */
  function clustered(element, options) {
    var text = element.dataset;
    var map = base(element);
    function say(message) {
      if (options.status) {
        options.status.textContent = message;
      }
    }
    var outlinesDrawn = drawOutlines(map, text.outlinesUrl, options.chosenDistrict || "");
    var clusters = clusterGroup(text.textCluster, options.chunkedLoading);
    map.addLayer(clusters);

    say(text.textLoading);
    options
      .load()
      .then(function (features) {
        var markers = features.map(options.marker);
        return outlinesDrawn.then(function (chosenOutline) {
          clusters.addLayers(markers);
          if (options.frame && options.frame(map, markers)) {
            // framed by the page
          } else if (chosenOutline) {
            map.fitBounds(chosenOutline.getBounds(), { padding: [20, 20] });
          } else if (markers.length) {
            map.fitBounds(clusters.getBounds(), { maxZoom: 15, padding: [20, 20] });
          }
          loaded(element, map);
          say(format(text.textLoaded, markers.length));
        });
      })
      .catch(function () {
        say(text.textFailed);
      });
    return { map: map, say: say };
  }

  window.CityMap = {
    base: base,
    loaded: loaded,
    marker: marker,
    featureMarker: featureMarker,
    popupLink: popupLink,
    getJSON: getJSON,
    point: point,
    clustered: clustered,
  };

  document.querySelectorAll('[data-map="point"]').forEach(point);
})();
