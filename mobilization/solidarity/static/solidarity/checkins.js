/* The buddy's check-in pages on a phone with a failing network: our own script, no library.
 *
 * Without this file the pages are plain: the outcome form is an ordinary POST. With it:
 *
 * - the service worker (served by the app at data-service-worker, its scope the check-in pages) keeps
 *   today's list and each resident's card once they have been loaded, so that they stay readable offline;
 * - an outcome is first written to the phone's outbox (localStorage), then sent. While it cannot be
 *   sent, the card and the list say "saved on this phone, not yet sent"; it is sent again when the
 *   network returns (the `online` event, every 30 seconds, and whenever a check-in page opens);
 * - every outcome carries a key made here (a UUID): the server records an outcome once per key and
 *   answers a second sending of the same key with the first result, so a retry never records it twice.
 *
 * - signing out from these pages first sends what waits in the outbox; if some outcomes still cannot be
 *   sent, the page says so and asks before signing out (the sign-out's answer, Clear-Site-Data, erases
 *   the phone's storage, and the outbox with it). Signing out, and any answer that shows the buddy is
 *   signed out, also deletes the pages the service worker kept.
 *
 * The element with data-outbox-root carries the texts, translated by the page (data-text-saved, -sent,
 * -refused, -signin, -pending-one, -pending-many with "%(count)s", -signout-one, -signout-many), the
 * address of the sign-out (data-sign-out) and the buddy's number (data-buddy): an outbox entry is sent
 * only in the session of the buddy who recorded it.
 */
(function () {
  "use strict";

  var OUTBOX = "solidarity-checkin-outbox";
  var BUDDY = "solidarity-checkin-buddy";
  var root = document.querySelector("[data-outbox-root]");
  if (!root) {
    return;
  }
  var text = root.dataset;
  var buddy = text.buddy || "";
  var flushing = false;

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    if (window.crypto && window.crypto.getRandomValues) {
      var bytes = window.crypto.getRandomValues(new Uint8Array(16));
      bytes[6] = (bytes[6] & 0x0f) | 0x40;
      bytes[8] = (bytes[8] & 0x3f) | 0x80;
      var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
      return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
    }
    return null; // the key the server wrote in the form stays
  }

  function read() {
    try {
      var items = JSON.parse(window.localStorage.getItem(OUTBOX) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (error) {
      return [];
    }
  }

  function write(items) {
    try {
      window.localStorage.setItem(OUTBOX, JSON.stringify(items));
      return true;
    } catch (error) {
      return false;
    }
  }

  function mine(items) {
    return items.filter(function (item) { return item.buddy === buddy; });
  }

  function forgetPages() {
    // The copies of the check-in pages the service worker kept (contact details): deleted.
    if (!window.caches) {
      return Promise.resolve();
    }
    return window.caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) { return name.indexOf("solidarity-checkins-") === 0; })
            .map(function (name) { return window.caches.delete(name); })
        );
      })
      .catch(function () {
        /* no cache storage: nothing to forget */
      });
  }

  // --- What the page says -------------------------------------------------------------------------------

  function say(checkin, message, state) {
    document.querySelectorAll('[data-outbox-status-for="' + checkin + '"]').forEach(function (element) {
      element.textContent = message;
      element.hidden = !message;
      element.className = "outbox-status" + (state ? " outbox-" + state : "");
    });
  }

  function render() {
    var pending = mine(read());
    pending.forEach(function (item) {
      say(item.checkin, text.textSaved + (item.label ? " (" + item.label + ")" : ""), "saved");
      document.querySelectorAll('[data-outcome-form-for="' + item.checkin + '"]').forEach(function (form) {
        form.hidden = true;
      });
    });
    var summary = document.getElementById("outbox-summary");
    if (summary) {
      var template = pending.length === 1 ? text.textPendingOne : text.textPendingMany;
      summary.textContent = pending.length ? (template || "").replace("%(count)s", pending.length) : "";
      summary.hidden = !pending.length;
    }
  }

  // --- Sending --------------------------------------------------------------------------------------------

  function remove(key) {
    write(read().filter(function (item) { return item.key !== key; }));
  }

  function send(item) {
    return fetch(item.action, {
      method: "POST",
      body: new URLSearchParams(item.fields),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        // Signed out (the sign-in page), or a proxy's error page: keep it for later.
        say(item.checkin, text.textSignin, "saved");
        if (response.redirected) {
          forgetPages(); // signed out: the pages kept on the phone are no longer theirs to read
        }
        return false;
      }
      return response.json().then(function (answer) {
        if (response.ok) {
          remove(item.key);
          say(item.checkin, text.textSent + (answer.outcome_label ? " (" + answer.outcome_label + ")" : ""), "sent");
          if (answer.call_15) {
            say(item.checkin, text.textSent + " — " + answer.call_15, "sent");
          }
          return true;
        }
        if (response.status >= 400 && response.status < 500 && response.status !== 403 && response.status !== 429) {
          // Refused for good (the check-in is no longer theirs, or already answered): not sent again.
          remove(item.key);
          say(item.checkin, text.textRefused + (answer.message ? " " + answer.message : ""), "refused");
          return true;
        }
        return false;
      });
    });
  }

  function flush() {
    if (flushing) {
      return Promise.resolve();
    }
    var pending = mine(read());
    if (!pending.length) {
      render();
      return Promise.resolve();
    }
    flushing = true;
    var chain = Promise.resolve(true);
    pending.forEach(function (item) {
      chain = chain.then(function (goOn) {
        return goOn ? send(item) : false;
      });
    });
    return chain
      .catch(function () {
        return false; // no network: the outbox keeps what is left
      })
      .then(function () {
        flushing = false;
        render();
      });
  }

  // --- Recording ------------------------------------------------------------------------------------------

  function labelOf(form) {
    var chosen = form.querySelector('input[name="outcome"]:checked');
    var label = chosen ? form.querySelector('label[for="' + chosen.id + '"]') : null;
    return label ? label.textContent.trim() : "";
  }

  function record(event) {
    var form = event.target;
    event.preventDefault();
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      fields.push([name, String(value)]);
    });
    var key = form.querySelector('input[name="key"]').value;
    var items = read();
    if (!items.some(function (item) { return item.key === key; })) {
      items.push({
        key: key,
        buddy: buddy,
        checkin: form.dataset.outcomeFormFor,
        action: form.action,
        fields: fields,
        label: labelOf(form),
        savedAt: new Date().toISOString(),
      });
      if (!write(items)) {
        form.submit(); // no room on the phone: the plain form, as without this script
        return;
      }
    }
    render();
    flush();
  }

  document.querySelectorAll("form[data-outcome-form-for]").forEach(function (form) {
    if (form.dataset.offline === "off") {
      return;
    }
    var input = form.querySelector('input[name="key"]');
    var key = input && newKey();
    if (key) {
      input.value = key; // each loading of the card, from the network or the phone, a new key
    }
    form.addEventListener("submit", record);
  });

  // --- The service worker: today's list and the cards read offline ---------------------------------------

  function forgetOtherBuddy() {
    // Another buddy signed in on this phone: the pages the previous one loaded are not theirs to read.
    var previous = window.localStorage.getItem(BUDDY);
    if (previous !== null && previous !== buddy) {
      forgetPages();
    }
    try {
      window.localStorage.setItem(BUDDY, buddy);
    } catch (error) {
      /* private browsing: nothing is kept */
    }
  }

  // --- Signing out: nothing waiting in the outbox is lost without the buddy knowing -------------------

  function signOut(form) {
    form.dataset.signOutChecked = "yes";
    forgetPages().then(function () {
      form.submit();
    });
  }

  function warnBeforeSigningOut(form, count) {
    var warning = document.getElementById("outbox-signout-warning");
    if (!warning) {
      signOut(form);
      return;
    }
    var template = count === 1 ? text.textSignoutOne : text.textSignoutMany;
    warning.querySelector("[data-signout-message]").textContent = (template || "").replace("%(count)s", count);
    warning.hidden = false;
    var menu = form.closest("details");
    if (menu) {
      menu.open = false; // the folded menu of a phone would cover the warning
    }
    warning.querySelector("[data-signout-anyway]").onclick = function () {
      write(read().filter(function (item) { return item.buddy !== buddy; }));
      signOut(form);
    };
    warning.querySelector("[data-signout-stay]").onclick = function () {
      warning.hidden = true;
    };
    warning.focus();
  }

  function guardSignOut() {
    if (!text.signOut) {
      return;
    }
    var path = new URL(text.signOut, window.location.href).pathname;
    document.querySelectorAll("form").forEach(function (form) {
      if (new URL(form.action, window.location.href).pathname !== path) {
        return;
      }
      form.addEventListener("submit", function (event) {
        if (form.dataset.signOutChecked === "yes") {
          return;
        }
        event.preventDefault();
        flush().then(function () {
          var pending = mine(read()).length;
          if (pending) {
            warnBeforeSigningOut(form, pending);
          } else {
            signOut(form);
          }
        });
      });
    });
  }

  forgetOtherBuddy();
  guardSignOut();
  if ("serviceWorker" in navigator && text.serviceWorker) {
    navigator.serviceWorker.register(text.serviceWorker, { scope: text.serviceWorkerScope }).catch(function () {
      /* no service worker (plain http, private browsing): the pages still work online */
    });
  }
  window.addEventListener("online", flush);
  window.setInterval(function () {
    if (mine(read()).length) {
      flush();
    }
  }, 30000);
  render();
  flush();
})();
