// Starts GOV.UK Frontend's components. A file of its own, not an inline script, because the
// Content-Security-Policy runs no inline script but the one in base.html. base.html names the
// (fingerprinted, in production) GOV.UK Frontend module on this script's tag.
const { govukFrontend } = document.querySelector("script[data-govuk-frontend]").dataset;
import(govukFrontend).then(({ initAll }) => initAll());
