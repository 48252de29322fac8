/*
 * deal-explorer embed helper, for the page that embeds the explorer in an iframe.
 *
 *   <iframe src="https://example.org/tools/deal/?embed=1" title="OpenAI–Microsoft deal explorer"
 *           width="100%" height="720" style="border:0" loading="lazy"></iframe>
 *   <script src="https://example.org/tools/deal/embed.js" async></script>
 *
 * It sizes each explorer frame to its content (the app posts
 * {type: "deal-explorer:height", height} whenever its height changes) and offers
 * DealExplorer.setTheme("light" | "dark" | "auto") to follow the blog's own theme toggle.
 * No dependencies; safe to include more than once.
 */
(function () {
  'use strict';
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
