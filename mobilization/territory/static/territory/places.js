/* The places map: the places the filters select, clustered; a click chooses the point to measure from.
 *
 * The page works without this file: the filters are a GET form and the list below the map has every place.
 * The map reads the same filters from the page's query string and asks the open data API for GeoJSON,
 * page after page. Texts come translated from the map element's data-text-* attributes.
 * Under the places, the arrondissements' outlines and numbers: the map still reads as the city when the
 * tiles cannot be loaded; the arrondissement the filters choose is highlighted and framed.
 */
(function () {
  "use strict";

  var PARIS = [48.8566, 2.3522];
  var PAGE_SIZE = 500;

  var element = document.getElementById("places-map");
  if (!element || !window.L) {
    return;
  }
  var text = element.dataset;
  var status = document.getElementById("places-map-status");
  var latInput = document.getElementById("id_lat");
  var lonInput = document.getElementById("id_lon");

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function format(template, count) {
    return template.replace("%(count)s", count.toLocaleString(document.documentElement.lang || undefined));
  }

  var map = L.map(element, { scrollWheelZoom: false }).setView(PARIS, 12);
  L.tileLayer(text.tilesUrl, { attribution: text.tilesAttribution, maxZoom: 19 }).addTo(map);

  // The arrondissements: above the tiles, under everything else (z-index in places.css). Their numbers
  // are hidden from screen readers: the list below the map names each place's arrondissement.
  map.createPane("district-outlines");
  map.createPane("district-labels").setAttribute("aria-hidden", "true");
  var chosenDistrict = new URLSearchParams(text.query || "").get("district") || "";
  var chosenOutline = null;

  function drawOutlines(collection) {
    L.geoJSON(collection, {
      pane: "district-outlines",
      interactive: false,
      style: function (feature) {
        var isChosen = feature.properties.code === chosenDistrict;
        return { className: "district-outline" + (isChosen ? " is-chosen" : "") };
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
  }

  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
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
      return L.divIcon({
        html: inner.outerHTML,
        className: "marker-cluster marker-cluster-" + size,
        iconSize: L.point(40, 40),
      });
    },
  });
  map.addLayer(clusters);

  function popupFor(properties) {
    var box = document.createElement("div");
    var title = document.createElement("a");
    title.href = properties.url;
    title.textContent = properties.name;
    title.className = "popup-title";
    box.appendChild(title);
    var lines = [properties.kind_label + (properties.category ? " · " + properties.category : ""), properties.address];
    if (properties.hours_today) {
      lines.push(properties.hours_today);
    }
    lines.forEach(function (line) {
      if (line) {
        var paragraph = document.createElement("p");
        paragraph.textContent = line;
        box.appendChild(paragraph);
      }
    });
    return box;
  }

  function markerFor(feature) {
    var properties = feature.properties;
    var position = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = properties.name;
    var icon = L.divIcon({
      className: "place-marker place-marker--" + properties.kind + (properties.is_available ? "" : " is-unavailable"),
      html: name.outerHTML,
      iconSize: [18, 18],
    });
    return L.marker(position, { icon: icon, title: properties.name, keyboard: true }).bindPopup(function () {
      return popupFor(properties);
    });
  }

  function query(offset) {
    var params = new URLSearchParams();
    // The page's own filters, without the empty ones, the page number and the reference point:
    // the map shows every place the filters keep, whatever the page of the list.
    new URLSearchParams(text.query || "").forEach(function (value, name) {
      if (value && ["page", "lat", "lon", "near_district"].indexOf(name) === -1) {
        params.append(name, value);
      }
    });
    params.set("limit", PAGE_SIZE);
    params.set("offset", offset);
    return text.apiUrl + "?" + params.toString();
  }

  function load(offset, markers) {
    return fetch(query(offset), { headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        collection.features.forEach(function (feature) {
          markers.push(markerFor(feature));
        });
        var next = offset + collection.features.length;
        if (collection.features.length && next < collection.total) {
          return load(next, markers);
        }
        return markers;
      });
  }

  // The reference point: shown when the page has one; chosen by a click on the map or the position.
  var reference = null;
  var pageReference = text.nearLat ? L.latLng(parseFloat(text.nearLat), parseFloat(text.nearLon)) : null;

  // Settles once the outlines are drawn, or could not be: the map is framed only then, and only once.
  // (Two framings in a row would race: Leaflet drops a zoom asked for while another is animating.)
  var outlinesDrawn = !text.outlinesUrl
    ? Promise.resolve()
    : fetch(text.outlinesUrl, { headers: { Accept: "application/geo+json, application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(drawOutlines)
        .catch(function () {
          // Without the outlines the map works as before: markers on the tiles, or on a blank background.
        });

  say(text.textLoading);
  load(0, [])
    .then(function (markers) {
      return outlinesDrawn.then(function () {
        return markers;
      });
    })
    .then(function (markers) {
      clusters.addLayers(markers);
      if (markers.length && pageReference) {
        // Frame the page's reference point with the nearest places, as the list ranks them.
        var here = pageReference;
        var nearest = markers
          .map(function (marker) {
            return marker.getLatLng();
          })
          .sort(function (a, b) {
            return here.distanceTo(a) - here.distanceTo(b);
          })
          .slice(0, 10);
        map.fitBounds(L.latLngBounds(nearest.concat([here])), { maxZoom: 16, padding: [30, 30] });
      } else if (chosenOutline) {
        map.fitBounds(chosenOutline.getBounds(), { padding: [20, 20] });
      } else if (markers.length) {
        map.fitBounds(clusters.getBounds(), { maxZoom: 15, padding: [20, 20] });
      }
      element.classList.add("is-loaded");
      say(format(text.textLoaded, markers.length));
    })
    .catch(function () {
      say(text.textFailed);
    });

  function placeReference(lat, lon) {
    if (reference) {
      reference.setLatLng([lat, lon]);
    } else {
      reference = L.circleMarker([lat, lon], {
        radius: 9,
        className: "reference-point",
        interactive: false,
      }).addTo(map);
    }
  }

  if (pageReference) {
    placeReference(pageReference.lat, pageReference.lng);
    map.setView(pageReference, 15);
  }

  function choosePoint(lat, lon) {
    if (!latInput || !lonInput) {
      return;
    }
    latInput.value = lat.toFixed(5);
    lonInput.value = lon.toFixed(5);
    placeReference(lat, lon);
    say(text.textPoint);
  }

  map.on("click", function (event) {
    choosePoint(event.latlng.lat, event.latlng.lng);
  });

  document.querySelectorAll(".js-only").forEach(function (node) {
    node.hidden = false;
  });
  var positionButton = document.getElementById("use-my-position");
  if (positionButton) {
    if (!navigator.geolocation) {
      positionButton.hidden = true;
    }
    positionButton.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        choosePoint(position.coords.latitude, position.coords.longitude);
        map.setView([position.coords.latitude, position.coords.longitude], 15);
      });
    });
  }
})();
