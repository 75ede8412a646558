/* The service worker of the buddy's check-in pages: today's list and each resident's card, readable offline
 * once they have been loaded.
 *
 * Served by the app from the check-in pages' own address (its scope is those pages, nothing else of the
 * site). Pages are fetched from the network first and the answer kept; when the network fails, the kept
 * copy is shown. The scripts and styles the pages load are kept the same way. What is kept is today's:
 * the copies are in a cache named by the phone's date, and the caches of other days are deleted, so that
 * contact details do not stay on the phone after the day they were needed. When a page of the scope is
 * answered by a redirect away from it (the sign-in page: the buddy is signed out), every copy is deleted;
 * signing out deletes them too (checkins.js, and the sign-out's Clear-Site-Data answer). Nothing is sent
 * from here: the outcomes recorded offline wait in the page's outbox (checkins.js).
 */
"use strict";

var PREFIX = "solidarity-checkins-";

function today() {
  var now = new Date();
  return PREFIX + now.getFullYear() + "-" + (now.getMonth() + 1) + "-" + now.getDate();
}

function forgetAll() {
  return caches.keys().then(function (names) {
    return Promise.all(
      names
        .filter(function (name) { return name.indexOf(PREFIX) === 0; })
        .map(function (name) { return caches.delete(name); })
    );
  });
}

function forgetOtherDays() {
  var keep = today();
  return caches.keys().then(function (names) {
    return Promise.all(
      names
        .filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== keep; })
        .map(function (name) { return caches.delete(name); })
    );
  });
}

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(forgetOtherDays().then(function () { return self.clients.claim(); }));
});

function kept(request) {
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || request.method !== "GET") {
    return false;
  }
  var scope = new URL(self.registration.scope).pathname;
  return url.pathname.indexOf(scope) === 0 || url.pathname.indexOf("/static/") === 0;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (!kept(request)) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then(function (response) {
        var scope = new URL(self.registration.scope).pathname;
        if (response.redirected && new URL(response.url).pathname.indexOf(scope) !== 0) {
          // Sent elsewhere (to sign in): the buddy is signed out, the copies are no longer theirs.
          forgetAll();
          return response;
        }
        if (response.ok && response.type === "basic" && !response.redirected) {
          var copy = response.clone();
          caches.open(today()).then(function (cache) { cache.put(request, copy); });
          forgetOtherDays();
        }
        return response;
      })
      .catch(function (error) {
        return caches.open(today()).then(function (cache) {
          return cache.match(request).then(function (found) {
            if (found) {
              return found;
            }
            throw error;
          });
        });
      })
  );
});
