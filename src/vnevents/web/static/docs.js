// /docs: start the vendored Swagger UI on this server's OpenAPI document (a file, not an
// inline script: the Content-Security-Policy allows scripts from 'self' only).
(function () {
  "use strict";
  const el = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: el.dataset.url,
    domNode: el,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null, // the default validator badge would call swagger.io
  });
})();
