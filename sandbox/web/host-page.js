/* global window */
// The Jira page's half of Forge navigation: a Custom UI iframe may not open windows or move the
// top page, so `router.open` / `router.navigate` arrive here (from the sandbox bridge in the
// iframe). A link that leaves the product is confirmed by the user first, as on Jira; declining
// rejects the app's promise.
(function () {
  'use strict';
  window.addEventListener('message', function (e) {
    var d = e.data;
    var port = e.ports && e.ports[0];
    if (!d || d.forgeSandbox !== 'navigate' || !port) return;
    if (e.origin !== window.location.origin || typeof d.url !== 'string') return port.postMessage({ ok: false, message: 'navigation refused' });
    if (d.external && !window.confirm('This link leaves Jira and opens ' + d.url + '. Open it?')) return port.postMessage({ ok: false, message: 'The user declined to open ' + d.url });
    if (d.type === 'new-tab') window.open(d.url, '_blank', 'noopener');
    else window.location.assign(d.url);
    port.postMessage({ ok: true });
  });
})();
