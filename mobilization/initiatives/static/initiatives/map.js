/* The initiatives map: every initiative the filters keep, clustered, over the arrondissements' outlines.
 *
 * The page works without this file: the filters are a GET form and the list beside the map has every
 * initiative, page after page. The map reads the GeoJSON address (with the page's filters) from the map
 * element's data-geojson-url; its texts come translated from the data-text-* attributes.
 */
(function () {
  "use strict";

  var PARIS = [48.8566, 2.3522];
  var element = document.getElementById("initiatives-map");
  if (!element || !window.L) {
    return;
  }
  var text = element.dataset;
  var status = document.getElementById("initiatives-map-status");

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function format(template, count) {
    return template.replace("%(count)s", count.toLocaleString(document.documentElement.lang || undefined));
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/geo+json, application/json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    });
  }

  var map = L.map(element, { scrollWheelZoom: false }).setView(PARIS, 12);
  L.tileLayer(text.tilesUrl, { attribution: text.tilesAttribution, maxZoom: 19 }).addTo(map);

  // The arrondissements under the markers; their numbers are hidden from screen readers (the list names
  // each initiative's arrondissement).
  map.createPane("district-outlines");
  map.createPane("district-labels").setAttribute("aria-hidden", "true");
  var chosenDistrict = text.district || "";
  var chosenOutline = null;

  // Settles once the outlines are drawn, or could not be: the map is framed only then, and only once.
  // (Two framings in a row would race: Leaflet drops a zoom asked for while another is animating.)
  var outlinesDrawn = !text.outlinesUrl
    ? Promise.resolve()
    : getJSON(text.outlinesUrl)
        .then(function (collection) {
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
        })
        .catch(function () {
          // Without the outlines the map still shows the markers.
        });

  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    chunkedLoading: true,
    iconCreateFunction: function (cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
      var label = document.createElement("span");
      label.textContent = count;
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " " + format(text.textCluster, count);
      var inner = document.createElement("div");
      inner.appendChild(label);
      inner.appendChild(hidden);
      return L.divIcon({ html: inner.outerHTML, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
    },
  });
  map.addLayer(clusters);

  function markerFor(feature) {
    var properties = feature.properties;
    var position = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = properties.title;
    var icon = L.divIcon({ className: "initiative-marker", html: name.outerHTML, iconSize: [16, 16] });
    return L.marker(position, { icon: icon, title: properties.title, keyboard: true }).bindPopup(function () {
      var link = document.createElement("a");
      link.href = properties.url;
      link.className = "popup-title";
      link.textContent = properties.title;
      return link;
    });
  }

  say(text.textLoading);
  getJSON(text.geojsonUrl)
    .then(function (collection) {
      return outlinesDrawn.then(function () {
        return collection;
      });
    })
    .then(function (collection) {
      var markers = collection.features.map(markerFor);
      clusters.addLayers(markers);
      if (chosenOutline) {
        map.fitBounds(chosenOutline.getBounds(), { padding: [20, 20] });
      } else if (markers.length && !chosenDistrict) {
        map.fitBounds(clusters.getBounds(), { maxZoom: 15, padding: [20, 20] });
      }
      element.classList.add("is-loaded");
      say(format(text.textLoaded, markers.length));
    })
    .catch(function () {
      say(text.textFailed);
    });
})();
