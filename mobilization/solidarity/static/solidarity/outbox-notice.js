/* On every page of the site: a discreet notice when this phone holds check-in outcomes the signed-in
 * buddy recorded offline and has not sent yet, with a link to the check-ins, where they are sent.
 *
 * checkins.js keeps those outcomes in localStorage ("solidarity-checkin-outbox"), each with the number
 * of the buddy who recorded it; this file only reads them, and never sends anything. The base template
 * renders the empty live region (data-outbox-notice, aria-live polite) for signed-in people, with the
 * translated texts; the notice is written into it, so screen readers announce it without interrupting.
 * The check-in pages say it themselves (data-outbox-root): there, this file does nothing.
 *
 * Signing out answers with Clear-Site-Data, which erases the outbox: so while it holds this buddy's
 * outcomes, the sign-out form of the page (data-sign-out) asks first, in the same region (role alert),
 * with a link to the check-ins where they are sent, "Stay signed in" and "Sign out and erase them".
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
  function sentence(one, many) {
    return ((count === 1 ? one : many) || "").replace("%(count)s", count);
  }

  function linkToCheckins() {
    var link = document.createElement("a");
    link.href = region.dataset.checkinsUrl;
    link.textContent = region.dataset.textLink || "";
    return link;
  }

  function button(label, className, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = label || "";
    element.addEventListener("click", onClick);
    return element;
  }

  var notice = document.createElement("p");
  notice.className = "message message-warning";
  notice.textContent = sentence(region.dataset.textPendingOne, region.dataset.textPendingMany) + " ";
  notice.appendChild(linkToCheckins());
  region.appendChild(notice);

  function forgetMine() {
    try {
      var items = JSON.parse(window.localStorage.getItem(OUTBOX) || "[]");
      window.localStorage.setItem(OUTBOX, JSON.stringify(items.filter(function (item) {
        return !item || String(item.buddy) !== region.dataset.buddy;
      })));
    } catch (error) {
      /* unreadable: the sign-out's Clear-Site-Data erases it anyway */
    }
  }

  function warnBeforeSigningOut(form) {
    var warning = region.querySelector("[data-signout-warning]");
    if (!warning) {
      warning = document.createElement("div");
      warning.className = "message message-error";
      warning.setAttribute("role", "alert");
      warning.setAttribute("tabindex", "-1");
      warning.setAttribute("data-signout-warning", "");
      var message = document.createElement("p");
      message.textContent = sentence(region.dataset.textSignoutOne, region.dataset.textSignoutMany) + " ";
      message.appendChild(linkToCheckins());
      var actions = document.createElement("p");
      actions.className = "button-group";
      actions.appendChild(button(region.dataset.textStay, "button", function () {
        warning.hidden = true;
        notice.hidden = false;
      }));
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(button(region.dataset.textAnyway, "button button-secondary", function () {
        forgetMine();
        form.dataset.signOutChecked = "yes";
        form.submit();
      }));
      warning.appendChild(message);
      warning.appendChild(actions);
      region.appendChild(warning);
    }
    warning.hidden = false;
    notice.hidden = true; // the warning says the same, and more
    var menu = form.closest("details");
    if (menu) {
      menu.open = false; // the folded menu of a phone would cover the warning
    }
    warning.focus();
  }

  if (!region.dataset.signOut) {
    return;
  }
  var signOutPath = new URL(region.dataset.signOut, window.location.href).pathname;
  document.querySelectorAll("form").forEach(function (form) {
    if (new URL(form.action, window.location.href).pathname !== signOutPath) {
      return;
    }
    form.addEventListener("submit", function (event) {
      if (form.dataset.signOutChecked === "yes" || !waiting()) {
        return;
      }
      event.preventDefault();
      warnBeforeSigningOut(form);
    });
  });
})();
