/* The coverage map of the coordinators' dashboard: each arrondissement coloured by its coverage.
 *
 * The page works without this file: the table below the map has every figure. The map draws the
 * arrondissements' outlines (data-outlines-url, through core/map.js's base map) and colours each from the
 * figures the live part carries (the json_script #coverage-data: {code: percent or null}); after each
 * refresh of the live part (htmx:afterSwap) it colours them again.
 */
(function () {
  "use strict";

  var element = document.getElementById("coverage-map");
  if (!element || !window.CityMap || !window.L) {
    return;
  }
  var map = CityMap.base(element);
  var layer = null;

  function figures() {
    var data = document.getElementById("coverage-data");
    try {
      return data ? JSON.parse(data.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  function band(percent) {
    if (percent === null || percent === undefined) {
      return "coverage-none";
    }
    return percent >= 80 ? "coverage-high" : percent >= 50 ? "coverage-mid" : "coverage-low";
  }

  // The arrondissement's number over its coverage ("—": nobody in scope, as in the table). On a phone
  // the central arrondissements are a few pixels wide: solidarity.css then shows the numbers only, and
  // the table below the map gives every figure.
  function label(number, percent) {
    var box = document.createElement("span");
    var numberPart = document.createElement("span");
    var figurePart = document.createElement("span");
    numberPart.className = "district-number";
    numberPart.textContent = String(number);
    figurePart.className = "district-figure";
    figurePart.textContent = percent === null || percent === undefined ? "—" : percent + " %";
    box.appendChild(numberPart);
    box.appendChild(figurePart);
    return box;
  }

  function colour() {
    if (!layer) {
      return;
    }
    var data = figures();
    layer.eachLayer(function (shape) {
      var code = shape.feature.properties.code;
      if (!(code in data)) {
        shape.setStyle({ opacity: 0.3, fillOpacity: 0 });
        return;
      }
      var path = shape.getElement && shape.getElement();
      if (path) {
        path.setAttribute("class", "leaflet-interactive district-outline " + band(data[code]));
      }
      shape.setStyle({ opacity: 1, fillOpacity: 0.55 });
      shape.unbindTooltip();
      shape.bindTooltip(label(shape.feature.properties.number, data[code]), {
        permanent: true,
        direction: "center",
        className: "district-label",
        opacity: 1,
      });
    });
  }

  CityMap.getJSON(element.dataset.outlinesUrl)
    .then(function (collection) {
      layer = L.geoJSON(collection, { style: { weight: 1, color: "#333" }, interactive: true }).addTo(map);
      var data = figures();
      var inScope = L.featureGroup();
      layer.eachLayer(function (shape) {
        if (shape.feature.properties.code in data) {
          inScope.addLayer(L.geoJSON(shape.feature));
        }
      });
      CityMap.loaded(element, map);
      // Fine steps of zoom: Paris then fills the frame instead of the whole zoom level below.
      map.options.zoomSnap = 0.1;
      if (inScope.getLayers().length) {
        map.fitBounds(inScope.getBounds(), { padding: [10, 10] });
      }
      colour();
    })
    .catch(function () {
      /* the table has the figures */
    });
  document.body.addEventListener("htmx:afterSwap", colour);
})();
