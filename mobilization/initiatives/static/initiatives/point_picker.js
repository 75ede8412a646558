/* The initiative form's map: a click fills in the latitude and longitude fields (core/map.js draws it).
   An extra: the fields can be typed. (The initiative's page shows its point with core/map.js alone.) */
(function () {
  "use strict";

  var picker = document.getElementById("point-picker");
  var latInput = document.getElementById("id_lat");
  var lonInput = document.getElementById("id_lon");
  if (!picker || !latInput || !lonInput || !window.CityMap) {
    return;
  }
  var lat = parseFloat(latInput.value);
  var lon = parseFloat(lonInput.value);
  var has = !isNaN(lat) && !isNaN(lon);
  var map = CityMap.base(picker, has ? [lat, lon] : null, has ? 16 : 12);
  CityMap.loaded(picker, map);
  function pointAt(position) {
    return CityMap.marker(position, { className: "initiative-point-marker", size: 16 }).addTo(map);
  }
  var point = has ? pointAt([lat, lon]) : null;
  map.on("click", function (event) {
    latInput.value = event.latlng.lat.toFixed(6);
    lonInput.value = event.latlng.lng.toFixed(6);
    if (point) {
      point.setLatLng(event.latlng);
    } else {
      point = pointAt(event.latlng);
    }
  });
})();
