/* The places map: the places the filters select, clustered over the arrondissements' outlines (core/map.js
 * draws it; this says what to show); a click chooses the point to measure from.
 *
 * The page works without this file: the filters are a GET form and the list below the map has every place.
 * The map reads the same filters from the page's query string (data-query) and asks the open data API
 * (data-api-url) for GeoJSON, page after page. The arrondissement the filters choose is highlighted and
 * framed; with a reference point (data-near-lat, data-near-lon), the map frames it with the nearest places.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 500;

  var element = document.getElementById("places-map");
  if (!element || !window.CityMap) {
    return;
  }
  var text = element.dataset;
  var latInput = document.getElementById("id_lat");
  var lonInput = document.getElementById("id_lon");
  var filters = new URLSearchParams(text.query || "");

  function popupFor(properties) {
    var box = document.createElement("div");
    box.appendChild(CityMap.popupLink(properties.url, properties.name));
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

  function query(offset) {
    var params = new URLSearchParams();
    // The page's own filters, without the empty ones, the page number and the reference point:
    // the map shows every place the filters keep, whatever the page of the list.
    filters.forEach(function (value, name) {
      if (value && ["page", "lat", "lon", "near_district"].indexOf(name) === -1) {
        params.append(name, value);
      }
    });
    params.set("limit", PAGE_SIZE);
    params.set("offset", offset);
    return text.apiUrl + "?" + params.toString();
  }

  function load(offset, features) {
    return CityMap.getJSON(query(offset)).then(function (collection) {
      features = features.concat(collection.features);
      var next = offset + collection.features.length;
      if (collection.features.length && next < collection.total) {
        return load(next, features);
      }
      return features;
    });
  }

  // The reference point: shown when the page has one; chosen by a click on the map or the position.
  var pageReference = text.nearLat ? L.latLng(parseFloat(text.nearLat), parseFloat(text.nearLon)) : null;

  var drawn = CityMap.clustered(element, {
    status: document.getElementById("places-map-status"),
    chosenDistrict: filters.get("district") || "",
    load: function () {
      return load(0, []);
    },
    marker: function (feature) {
      var properties = feature.properties;
      return CityMap.featureMarker(feature, {
        className: "place-marker place-marker--" + properties.kind + (properties.is_available ? "" : " is-unavailable"),
        title: properties.name,
        popup: popupFor,
      });
    },
    frame: function (map, markers) {
      if (!markers.length || !pageReference) {
        return false;
      }
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
      return true;
    },
  });
  var map = drawn.map;

  var reference = null;
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
    drawn.say(text.textPoint);
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
