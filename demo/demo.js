// Shows the curl lines with the address this page was actually served from (PORT may not be 8787).
// An external file rather than an inline script, so the pages keep a strict Content-Security-Policy.
if (location.protocol === "http:" || location.protocol === "https:") {
  for (const element of document.querySelectorAll("[data-origin]")) element.textContent = location.origin;
}
