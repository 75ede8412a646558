/* The event's small map: one point where it takes place. The page gives the address and coordinates too. */
(function () {
  "use strict";

  var element = document.getElementById("event-map");
  if (!element || !window.L) {
    return;
  }
  var data = element.dataset;
  var position = [parseFloat(data.lat), parseFloat(data.lon)];
  var map = L.map(element, { scrollWheelZoom: false, keyboard: false }).setView(position, 16);
  L.tileLayer(data.tilesUrl, { attribution: data.tilesAttribution, maxZoom: 19 }).addTo(map);

  var name = document.createElement("span");
  name.className = "visually-hidden";
  name.textContent = data.name;
  L.marker(position, {
    icon: L.divIcon({ className: "event-marker", html: name.outerHTML, iconSize: [18, 18] }),
    title: data.name,
    keyboard: false,
  }).addTo(map);
  element.classList.add("is-loaded");
})();
