// Starts Swagger UI on /api/docs. A file rather than an inline script: the Content-Security-Policy
// allows same-origin script files only.
window.ui = window.SwaggerUIBundle({ url: '/api/spec', dom_id: '#swagger-ui', deepLinking: true });
