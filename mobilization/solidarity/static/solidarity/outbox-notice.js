/* On every page of the site: a discreet notice when this phone holds check-in outcomes the signed-in
 * buddy recorded offline and has not sent yet, with a link to the check-ins, where they are sent.
 *
 * checkins.js keeps those outcomes in localStorage ("solidarity-checkin-outbox"), each with the number
 * of the buddy who recorded it; this file only reads them, and never sends anything. The base template
 * renders the empty live region (data-outbox-notice, aria-live polite) for signed-in people, with the
 * translated texts; the notice is written into it, so screen readers announce it without interrupting.
 * The check-in pages say it themselves (data-outbox-root): there, this file does nothing.
 */
(function () {
  "use strict";

  var OUTBOX = "solidarity-checkin-outbox";
  var region = document.querySelector("[data-outbox-notice]");
  if (!region || document.querySelector("[data-outbox-root]")) {
    return;
  }

  function waiting() {
    try {
      var items = JSON.parse(window.localStorage.getItem(OUTBOX) || "[]");
      return Array.isArray(items)
        ? items.filter(function (item) { return item && String(item.buddy) === region.dataset.buddy; }).length
        : 0;
    } catch (error) {
      return 0; // storage refused (private browsing) or unreadable: nothing to say
    }
  }

  var count = waiting();
  if (!count) {
    return;
  }
  var template = count === 1 ? region.dataset.textPendingOne : region.dataset.textPendingMany;
  var notice = document.createElement("p");
  var link = document.createElement("a");
  notice.className = "message message-warning";
  notice.textContent = (template || "").replace("%(count)s", count) + " ";
  link.href = region.dataset.checkinsUrl;
  link.textContent = region.dataset.textLink || "";
  notice.appendChild(link);
  region.appendChild(notice);
})();
