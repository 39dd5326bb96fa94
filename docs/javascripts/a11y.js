// Two fixes for elements the theme's script makes, which no template override reaches (the
// built site's axe-core check, tests/test_reader.py, finds them otherwise):
// - the bar of buttons on each code block is a <nav>, and a page of several code blocks has
//   several unnamed navigation landmarks; a copy button is no navigation, so it is a plain group;
// - a table that scrolls sideways (on a narrow screen) must be reachable with the keyboard to
//   scroll it, as Material makes its code blocks: it gets a tab stop while it scrolls.
(() => {
  const tabStop = (wrap) => {
    if (wrap.scrollWidth > wrap.clientWidth) {
      if (wrap.tabIndex !== 0) wrap.tabIndex = 0;
    } else if (wrap.hasAttribute("tabindex")) {
      wrap.removeAttribute("tabindex");
    }
  };
  // A wrapper scrolls once its table is wider than it: either may change size after it is made.
  const sizes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const wrap = entry.target.closest(".md-typeset__scrollwrap");
      if (wrap !== null) tabStop(wrap);
    }
  });
  const watched = new WeakSet();
  const fix = () => {
    for (const bar of document.querySelectorAll(".md-code__nav:not([role])")) {
      bar.setAttribute("role", "none");
    }
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (!watched.has(wrap)) {
        watched.add(wrap);
        sizes.observe(wrap);
        if (wrap.firstElementChild !== null) sizes.observe(wrap.firstElementChild);
      }
      tabStop(wrap);
    }
  };
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  fix();
})();
