/* global window, document, CSS, setTimeout */
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

  // Jira's flag group (bottom left) for an app's `showFlag`: title, description, a close button;
  // an auto-dismissing flag closes after 8 seconds, as the bridge reference says.
  function flagGroup() {
    var group = document.getElementById('forge-flags');
    if (!group) {
      group = document.createElement('section');
      group.id = 'forge-flags';
      group.className = 'flags';
      group.setAttribute('aria-label', 'Flags');
      document.body.appendChild(group);
    }
    return group;
  }
  function closeFlag(id) {
    var el = document.querySelector('[data-flag-id="' + CSS.escape(id) + '"]');
    if (el) el.remove();
  }
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || (d.forgeSandbox !== 'showFlag' && d.forgeSandbox !== 'closeFlag') || e.origin !== window.location.origin || !d.flag) return;
    var f = d.flag;
    closeFlag(String(f.id));
    if (d.forgeSandbox === 'closeFlag') return;
    var el = document.createElement('div');
    el.className = 'flag flag-' + f.type;
    el.setAttribute('data-flag-id', String(f.id));
    el.setAttribute('role', f.type === 'error' || f.type === 'warning' ? 'alert' : 'status');
    var title = document.createElement('strong');
    title.textContent = f.title;
    el.appendChild(title);
    if (f.description) {
      var p = document.createElement('p');
      p.textContent = f.description;
      el.appendChild(p);
    }
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Dismiss';
    close.setAttribute('aria-label', 'Dismiss flag: ' + f.title);
    close.addEventListener('click', function () {
      closeFlag(String(f.id));
    });
    el.appendChild(close);
    flagGroup().appendChild(el);
    if (f.isAutoDismiss) setTimeout(function () { closeFlag(String(f.id)); }, 8000);
  });
})();
