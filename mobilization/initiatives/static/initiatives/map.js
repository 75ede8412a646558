/* The initiatives map: every initiative the filters keep, clustered, over the arrondissements' outlines
 * (core/map.js draws it; this says what to show).
 *
 * The page works without this file: the filters are a GET form and the list beside the map has every
 * initiative, page after page. The GeoJSON address (with the page's filters) is the map element's
 * data-geojson-url; the arrondissement the filters chose is its data-district.
 */
(function () {
  "use strict";

  var element = document.getElementById("initiatives-map");
  if (!element || !window.CityMap) {
    return;
  }
  CityMap.clustered(element, {
    status: document.getElementById("initiatives-map-status"),
    chosenDistrict: element.dataset.district,
    chunkedLoading: true,
    load: function () {
      return CityMap.getJSON(element.dataset.geojsonUrl).then(function (collection) {
        return collection.features;
      });
    },
    marker: function (feature) {
      return CityMap.featureMarker(feature, {
        className: "initiative-marker",
        size: 16,
        title: feature.properties.title,
        popup: function (properties) {
          return CityMap.popupLink(properties.url, properties.title);
        },
      });
    },
  });
})();
