/* A place's small map: its point, and its outline when the city gives one. The page says the same in words. */
(function () {
  "use strict";

  var element = document.getElementById("place-map");
  if (!element || !window.L) {
    return;
  }
  var data = element.dataset;
  var position = [parseFloat(data.lat), parseFloat(data.lon)];
  var map = L.map(element, { scrollWheelZoom: false }).setView(position, 16);
  L.tileLayer(data.tilesUrl, { attribution: data.tilesAttribution, maxZoom: 19 }).addTo(map);

  var name = document.createElement("span");
  name.className = "visually-hidden";
  name.textContent = data.name;
  L.marker(position, {
    icon: L.divIcon({ className: "place-marker", html: name.outerHTML, iconSize: [18, 18] }),
    title: data.name,
    keyboard: false,
  }).addTo(map);

  var outline = document.getElementById("place-outline");
  if (outline) {
    var shape = L.geoJSON(JSON.parse(outline.textContent), { className: "place-outline", interactive: false });
    shape.addTo(map);
    map.fitBounds(shape.getBounds(), { maxZoom: 17, padding: [10, 10] });
  }
  element.classList.add("is-loaded");
})();
