// Sets up Swagger UI on the API's documentation page. A static file, not an inline script: the
// Content Security Policy runs scripts from this site only. The document's address is in the page.
(function () {
  "use strict";
  var holder = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: holder.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    layout: "BaseLayout",
    // No badge from validator.swagger.io: the page asks nothing of another site.
    validatorUrl: null,
  });
})();
