/* The initiative's point: a small map on its page, and on the form a map to click that fills in the
   latitude and longitude fields. Both are extras: the page says where in words, the fields can be typed. */
(function () {
  "use strict";
  if (!window.L) {
    return;
  }
  var PARIS = [48.8566, 2.3522];

  function baseMap(element, position, zoom) {
    var map = L.map(element, { scrollWheelZoom: false }).setView(position, zoom);
    L.tileLayer(element.dataset.tilesUrl, { attribution: element.dataset.tilesAttribution, maxZoom: 19 }).addTo(map);
    element.classList.add("is-loaded");
    map.invalidateSize();
    return map;
  }

  function marker(position, title) {
    return L.marker(position, {
      icon: L.divIcon({ className: "initiative-point-marker", iconSize: [16, 16] }),
      title: title || "",
      keyboard: false,
    });
  }

  var shown = document.getElementById("initiative-map");
  if (shown) {
    var position = [parseFloat(shown.dataset.lat), parseFloat(shown.dataset.lon)];
    var map = baseMap(shown, position, 16);
    marker(position, shown.dataset.name).addTo(map);
  }

  var picker = document.getElementById("point-picker");
  var latInput = document.getElementById("id_lat");
  var lonInput = document.getElementById("id_lon");
  if (picker && latInput && lonInput) {
    var lat = parseFloat(latInput.value);
    var lon = parseFloat(lonInput.value);
    var has = !isNaN(lat) && !isNaN(lon);
    var pickMap = baseMap(picker, has ? [lat, lon] : PARIS, has ? 16 : 12);
    var point = has ? marker([lat, lon]).addTo(pickMap) : null;
    pickMap.on("click", function (event) {
      latInput.value = event.latlng.lat.toFixed(6);
      lonInput.value = event.latlng.lng.toFixed(6);
      if (point) {
        point.setLatLng(event.latlng);
      } else {
        point = marker(event.latlng).addTo(pickMap);
      }
    });
  }
})();
