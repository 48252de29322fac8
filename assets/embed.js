/*
 * deal-explorer embed helper, for the page that embeds the explorer in an iframe.
 *
 *   <iframe src="https://example.org/tools/deal/?embed=1" title="OpenAI–Microsoft deal explorer"
 *           width="100%" height="720" style="border:0" loading="lazy"></iframe>
 *   <a href="https://example.org/tools/deal/"><img src="https://example.org/tools/deal/og.png"
 *      alt="OpenAI–Microsoft deal explorer" width="600" height="315" loading="lazy"></a>
 *   <script src="https://example.org/tools/deal/embed.js" async></script>
 *
 * It sizes each explorer frame to its content (the app posts
 * {type: "deal-explorer:height", height} whenever its height changes) and offers
 * DealExplorer.setTheme("light" | "dark" | "auto") to follow the blog's own theme toggle.
 * The link with the explorer's preview picture is for hosts that drop iframes and scripts
 * (feeds, e-mail); where this script runs the frame is there too, so it hides each such link
 * whose explorer frame is on the page. No dependencies; safe to include more than once.
 */
(function () {
  'use strict';

  // The page of an address: its origin and path, without query or fragment.
  function pageOf(address) {
    try {
      var url = new URL(address, document.baseURI);
      return url.origin + url.pathname;
    } catch (e) {
      return null;
    }
  }

  // A link holding the explorer's preview picture (og.png beside the explorer) is hidden when a
  // frame of the same explorer page is on the page.
  function hideFallbacks() {
    var frames = document.getElementsByTagName('iframe');
    var shown = [];
    for (var i = 0; i < frames.length; i += 1) shown.push(pageOf(frames[i].src));
    var images = document.querySelectorAll('a[href] > img[src]');
    for (var j = 0; j < images.length; j += 1) {
      var link = images[j].parentNode;
      var page = pageOf(link.getAttribute('href'));
      var picture = pageOf(images[j].getAttribute('src'));
      if (!page || !picture || picture.slice(-7) !== '/og.png') continue;
      if (page.slice(0, page.lastIndexOf('/') + 1) !== picture.slice(0, -6)) continue;
      if (shown.indexOf(page) >= 0) link.style.display = 'none';
    }
  }

  // Each copy of the script hides the links before it at once, and all of them once the page
  // is parsed.
  hideFallbacks();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', hideFallbacks);
  }

  if (window.DealExplorer) return;

  var HEIGHT = 'deal-explorer:height';
  var THEME = 'deal-explorer:theme';
  var MIN_HEIGHT = 120;
  var MAX_HEIGHT = 20000;
  // Frames that have announced themselves as explorers; only they get theme messages.
  var explorers = [];

  function frameOf(source) {
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== HEIGHT) return;
    var height = Number(data.height);
    if (!isFinite(height)) return;
    var frame = frameOf(event.source);
    if (!frame) return;
    if (explorers.indexOf(frame) < 0) explorers.push(frame);
    height = Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.ceil(height)));
    frame.style.height = height + 'px';
    frame.setAttribute('data-deal-explorer-height', String(height));
  });

  window.DealExplorer = {
    setTheme: function (theme) {
      if (theme !== 'light' && theme !== 'dark' && theme !== 'auto') return;
      for (var i = 0; i < explorers.length; i += 1) {
        if (explorers[i].contentWindow) {
          explorers[i].contentWindow.postMessage({ type: THEME, theme: theme }, '*');
        }
      }
    },
  };
})();
